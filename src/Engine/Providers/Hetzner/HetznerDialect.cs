using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;

namespace MultiCloud.Engine.Providers.Hetzner
{
    /// <summary>
    /// How the Hetzner Cloud API reports errors ({"error": {"code", "message", "details"}}), its request id
    /// (X-Correlation-Id) and its rate limit (RateLimit-Limit, -Remaining, -Reset as a Unix time).
    /// </summary>
    internal sealed class HetznerDialect : IRestDialect
    {
        public string RequestIdHeader => "X-Correlation-Id";

        public RestError? ReadError(JsonElement? body)
        {
            if (body is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
                return null;
            var code = error.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            return new RestError(code, message);
        }

        public string? Classify(int status, RestError error) => error.Code switch
        {
            "unauthorized" or "forbidden" or "token_readonly" => ErrorIds.CloudAuthenticationFailed,
            "resource_limit_exceeded" or "placement_error" or "resource_unavailable" => ErrorIds.CloudQuotaExceeded,
            "rate_limit_exceeded" => ErrorIds.CloudThrottled,
            "not_found" => ErrorIds.CloudNotFound,
            "uniqueness_error" => ErrorIds.CloudResourceNameTaken,
            _ => null,
        };

        /// <summary>Retry-After when sent; otherwise, with the budget spent, the time until RateLimit-Reset.</summary>
        public TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            if (response.Headers.RetryAfter?.Delta is { } delta) return delta;
            if (!response.Headers.TryGetValues("RateLimit-Remaining", out var remaining) || remaining.FirstOrDefault() != "0") return null;
            if (!response.Headers.TryGetValues("RateLimit-Reset", out var reset)
                || !long.TryParse(reset.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var unix)) return null;
            var wait = DateTimeOffset.FromUnixTimeSeconds(unix) - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : null;
        }
    }
}
