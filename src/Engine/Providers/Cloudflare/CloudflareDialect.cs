using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;

namespace MultiCloud.Engine.Providers.Cloudflare
{
    /// <summary>
    /// How the Cloudflare API v4 reports errors ({"success": false, "errors": [{"code", "message"}]}), its request id
    /// (the cf-ray header) and throttling (429 with Retry-After).
    /// </summary>
    internal sealed class CloudflareDialect : IRestDialect
    {
        public string RequestIdHeader => "cf-ray";

        public RestError? ReadError(JsonElement? body)
        {
            if (body is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0) return null;
            var first = errors.EnumerateArray().First();
            var code = first.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32().ToString(CultureInfo.InvariantCulture) : "";
            var messages = errors.EnumerateArray().Select(e => e.TryGetProperty("message", out var m) ? m.GetString() : null).Where(m => !string.IsNullOrEmpty(m));
            return new RestError(code, string.Join("; ", messages));
        }

        public string? Classify(int status, RestError error) => error.Code switch
        {
            "10000" or "9109" or "6003" or "6111" or "9103" => ErrorIds.CloudAuthenticationFailed,
            "81045" => ErrorIds.CloudQuotaExceeded,
            "971" or "10100" => ErrorIds.CloudThrottled,
            "7003" or "81044" => ErrorIds.CloudNotFound,
            _ => null,
        };

        public TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta;
    }
}
