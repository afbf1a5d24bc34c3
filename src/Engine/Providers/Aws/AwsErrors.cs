using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>The pool's manifest fields a refusal may be about, so the message can name the one to fix.</summary>
    internal sealed record PoolFields(string? Region = null, string? ServerType = null, string? Image = null, string? Zone = null);

    /// <summary>
    /// Turns what the AWS SDK throws (and what the Route53 REST client reads) into <see cref="CloudException"/>s. Messages
    /// are built from the error code and AWS's message (which never holds a key or a signature) and carry the request id.
    /// </summary>
    internal static class AwsErrors
    {
        public static CloudException Map(Exception error, string provider, string operation, PoolFields? fields = null) => error switch
        {
            AmazonServiceException service => FromCode(service.ErrorCode, service.Message, (int)service.StatusCode, service.RequestId, provider, operation, fields ?? new PoolFields(), service),
            HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound } } when fields?.Region != null =>
                CloudErrors.Create(ErrorIds.CloudNotFound, ErrorKind.NotFound, provider, operation, $"no EC2 endpoint answers for region '{fields.Region}'",
                    "fix the pool's region field (or the ec2Endpoint setting)", inner: error),
            _ => CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Failed, provider, operation, "no answer from AWS (" + Describe(error) + ")",
                "check the endpoint settings and the network, then sync again", inner: error),
        };

        /// <summary>One mapping for EC2's and Route53's error codes (both are AWS's common codes plus their own).</summary>
        public static CloudException FromCode(string? code, string? message, int? status, string? requestId, string provider, string operation, PoolFields fields, Exception? inner = null)
        {
            var what = code is null ? message ?? "(no message)" : $"{code}: {message}";
            CloudException Make(string errorId, ErrorKind kind, string remedy) =>
                CloudErrors.Create(errorId, kind, provider, operation, what, remedy, status == 0 ? null : status, string.IsNullOrEmpty(requestId) ? null : requestId, inner, cloudCode: code);

            switch (code)
            {
                case "AuthFailure" or "UnauthorizedOperation" or "SignatureDoesNotMatch" or "InvalidClientTokenId" or "IncompleteSignature"
                    or "MissingAuthenticationToken" or "AccessDenied" or "AccessDeniedException" or "Blocked" or "PendingVerification":
                    return Make(ErrorIds.CloudAuthenticationFailed, ErrorKind.PermissionDenied,
                        "check the accessKey/secretKey the credentials point to (or the default chain's identity) and that its IAM policy allows this action");
                case "RequestExpired" or "RequestTimeTooSkewed":
                    return Make(ErrorIds.CloudAuthenticationFailed, ErrorKind.PermissionDenied, "the request's signature has expired: check this machine's clock, then sync again");
                case "RequestLimitExceeded" or "Throttling" or "ThrottlingException" or "PriorRequestNotComplete" or "SlowDown":
                    return Make(ErrorIds.CloudThrottled, ErrorKind.Busy, "AWS kept throttling after the retries; sync again later");
                case "OptInRequired" when fields.Region != null:
                    return Make(ErrorIds.CloudNotFound, ErrorKind.NotFound, $"region '{fields.Region}' is not enabled for this account: enable it, or fix the pool's region field");
                case "InvalidAMIID.NotFound" or "InvalidAMIID.Malformed" or "InvalidAMIID.Unavailable" when fields.Image != null:
                    return Make(ErrorIds.CloudNotFound, ErrorKind.NotFound, $"image '{fields.Image}' is not an AMI this account can use in {fields.Region}: fix the pool's image field (an AMI id of that region)");
                case "InvalidParameterValue" when fields.ServerType != null && Mentions(message, "instance type", fields.ServerType):
                    return Make(ErrorIds.CloudNotFound, ErrorKind.NotFound, $"server type '{fields.ServerType}' is not offered here: fix the pool's serverType field");
                case "Unsupported" when fields.Zone != null || fields.ServerType != null:
                    return Make(ErrorIds.CloudNotFound, ErrorKind.NotFound,
                        $"server type '{fields.ServerType}' is not offered in zone '{fields.Zone}': fix the pool's serverType or zone field");
                case "InvalidParameterValue" when fields.Zone != null && Mentions(message, "availability zone", fields.Zone):
                    return Make(ErrorIds.CloudNotFound, ErrorKind.NotFound, $"zone '{fields.Zone}' is not in {fields.Region}: fix the pool's zone field");
                case "InsufficientInstanceCapacity" or "InsufficientAddressCapacity":
                    return Make(ErrorIds.CloudRequestFailed, ErrorKind.Failed, "AWS has no capacity for this right now: sync again later, or pick another zone or server type");
                case "IdempotentParameterMismatch":
                    return Make(ErrorIds.CloudRequestFailed, ErrorKind.Failed, "an earlier request with this idempotency token asked for something else; sync again");
            }
            if (code != null && (code.EndsWith("LimitExceeded", StringComparison.Ordinal) || code is "LimitsExceeded" or "TooManyHostedZones"))
                return Make(ErrorIds.CloudQuotaExceeded, ErrorKind.Failed,
                    "raise the limit in the Service Quotas console (EC2 for instances and vCPUs, VPC for addresses and networks) or pick another size or region, then sync");
            if (status == 503 || status >= 500)
                return Make(ErrorIds.CloudRequestFailed, ErrorKind.Failed, "AWS failed after the retries; sync again, and give AWS support the request id if it persists");
            return Make(ErrorIds.CloudRequestFailed, ErrorKind.Failed, "sync again; if it persists, give AWS support the request id");
        }

        private static bool Mentions(string? message, string phrase, string? value) =>
            message != null && (message.IndexOf(phrase, StringComparison.OrdinalIgnoreCase) >= 0 || (value != null && message.IndexOf(value, StringComparison.Ordinal) >= 0));

        private static string Describe(Exception error) => error is HttpRequestException { InnerException: { } inner } ? inner.GetType().Name + ": " + inner.Message : error.GetType().Name;

        /// <summary>An HTTP status from the SDK's enum, or null when no response came.</summary>
        public static int? Status(HttpStatusCode code) => code == 0 ? null : (int)code;
    }
}
