using System;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Identity;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>Which manifest field a "not found" answer is about, so the message can name it.</summary>
    internal sealed record ManifestFields(string? Region = null, string? ServerType = null, string? Image = null, string? Zone = null);

    /// <summary>
    /// Turns what Azure.Core and Azure.Identity throw into <see cref="CloudException"/>s. Messages are built from the
    /// ARM error's code, message and target (never from request or header text) and carry <c>x-ms-request-id</c>.
    /// </summary>
    internal static class AzureErrors
    {
        private static readonly Regex EntraCode = new Regex(@"AADSTS\d+", RegexOptions.CultureInvariant);

        public static CloudException Map(Exception error, string provider, string operation, ManifestFields? fields = null) => error switch
        {
            RequestFailedException failed => FromArm(failed, provider, operation, fields ?? new ManifestFields()),
            AuthenticationFailedException or CredentialUnavailableException => FromIdentity(error, provider, operation),
            _ => CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Failed, provider, operation,
                "no answer from Azure (" + error.GetType().Name + ")", "check the armEndpoint setting and the network, then sync again", inner: error),
        };

        private static CloudException FromIdentity(Exception error, string provider, string operation)
        {
            if (error is CredentialUnavailableException)
                return CloudErrors.Create(ErrorIds.CloudAuthenticationFailed, ErrorKind.PermissionDenied, provider, operation,
                    "no managed identity is available here and the manifest names no clientSecret",
                    "name the service principal's clientSecret in the provider's credentials, or run where a managed identity is assigned", inner: error);
            var code = Enumerable.Repeat(error, 1).Concat(InnerChain(error)).Select(e => EntraCode.Match(e.Message)).FirstOrDefault(m => m.Success)?.Value;
            return CloudErrors.Create(ErrorIds.CloudAuthenticationFailed, ErrorKind.PermissionDenied, provider, operation,
                "Microsoft Entra ID refused the sign-in" + (code is null ? "" : $" ({code}{Explain(code)})"),
                "check tenantId, clientId and the clientSecret the credentials point to (a secret's value, not its id; not expired)", inner: error);
        }

        private static string Explain(string code) => code switch
        {
            "AADSTS7000215" => ": invalid client secret",
            "AADSTS7000222" => ": the client secret has expired",
            "AADSTS700016" => ": no application with that client id in the tenant",
            "AADSTS90002" => ": unknown tenant",
            _ => "",
        };

        private static CloudException FromArm(RequestFailedException failed, string provider, string operation, ManifestFields fields)
        {
            var response = failed.GetRawResponse();
            string? requestId = null;
            if (response != null && response.Headers.TryGetValue("x-ms-request-id", out var id)) requestId = id;
            var (code, message, target) = ReadError(response, failed);
            var status = failed.Status == 0 ? (int?)null : failed.Status;
            var what = code is null ? message : $"{code}: {message}";

            CloudException Make(string errorId, ErrorKind kind, string problem, string remedy) =>
                CloudErrors.Create(errorId, kind, provider, operation, problem, remedy, status, requestId, failed);

            if (failed.Status == 401 || code is "AuthorizationFailed" or "LinkedAuthorizationFailed" or "InvalidAuthenticationToken"
                or "InvalidAuthenticationTokenTenant" or "InvalidAuthenticationTokenAudience" or "AuthenticationFailed" or "ExpiredAuthenticationToken")
                return Make(ErrorIds.CloudAuthenticationFailed, ErrorKind.PermissionDenied, what,
                    "give the identity a role that may do this in the subscription (Contributor on it, or on the resource groups) and check subscriptionId, tenantId and armAudience");
            if (failed.Status == 412)
                return Make(ErrorIds.CloudRequestFailed, ErrorKind.Failed, what + " (it changed since MultiCloud read it: ETag mismatch)",
                    "someone else changed it at the same time; sync again, and MultiCloud reads it afresh instead of overwriting a change it did not see");
            if (failed.Status == 429)
                return Make(ErrorIds.CloudThrottled, ErrorKind.Busy, what, "Azure kept throttling after the retries; sync again later");
            if (IsQuota(code, message))
                return Make(ErrorIds.CloudQuotaExceeded, ErrorKind.Failed, what,
                    "raise the quota in the Azure portal (Subscriptions → Usage + quotas) or pick another size or region, then sync");
            if (code is "LocationNotAvailableForResourceType" or "LocationNotAvailableForResourceGroup" or "NoRegisteredProviderFound" or "InvalidLocation"
                && fields.Region != null)
                return Make(ErrorIds.CloudNotFound, ErrorKind.NotFound, what, $"region '{fields.Region}' is not offered here: fix the pool's region field");
            if ((code == "SkuNotAvailable" || (code == "InvalidParameter" && Is(target, "vmSize"))) && fields.ServerType != null)
                return Make(ErrorIds.CloudNotFound, ErrorKind.NotFound, what, $"server type '{fields.ServerType}' is not offered here: fix the pool's serverType field");
            if ((code is "PlatformImageNotFound" or "ImageNotFound" || (code == "InvalidParameter" && Is(target, "imageReference"))) && fields.Image != null)
                return Make(ErrorIds.CloudNotFound, ErrorKind.NotFound, what, $"image '{fields.Image}' is not offered here: fix the pool's image field (publisher:offer:sku:version)");
            if (code is "ZoneNotAvailable" or "ZonesNotSupported" && fields.Zone != null)
                return Make(ErrorIds.CloudNotFound, ErrorKind.NotFound, what, $"zone '{fields.Zone}' is not offered here: fix the pool's zone field");
            return Make(ErrorIds.CloudRequestFailed, ErrorKind.Failed, what, "sync again; if it persists, give Azure support the request id");
        }

        private static bool IsQuota(string? code, string message) =>
            code is "QuotaExceeded" or "OperationNotAllowed" && message.IndexOf("quota", StringComparison.OrdinalIgnoreCase) >= 0
            || code is "QuotaExceeded" or "PublicIPCountLimitReached" or "SubscriptionQuotaExceeded" or "ResourceQuotaExceeded";

        private static bool Is(string? target, string field) =>
            target != null && target.IndexOf(field, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>ARM's error body: <c>{"error":{"code","message","target"}}</c>; falls back to what Azure.Core parsed.</summary>
        private static (string? Code, string Message, string? Target) ReadError(Response? response, RequestFailedException failed)
        {
            try
            {
                if (response?.Content != null && response.Content.ToMemory().Length > 0)
                {
                    using var document = JsonDocument.Parse(response.Content.ToMemory());
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                        return (Text(error, "code") ?? failed.ErrorCode, Text(error, "message") ?? "(no message)", Text(error, "target"));
                }
            }
            catch (JsonException)
            {
                // Not ARM's JSON error shape (a proxy's page): fall through to the status line.
            }
            return (failed.ErrorCode, response is null ? "no response" : $"HTTP {response.Status} {response.ReasonPhrase}", null);
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static System.Collections.Generic.IEnumerable<Exception> InnerChain(Exception error)
        {
            for (var inner = error.InnerException; inner != null; inner = inner.InnerException) yield return inner;
        }
    }
}
