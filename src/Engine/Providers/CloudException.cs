using System;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// A cloud API call that failed, with what the user needs to act on it: provider instance and type, operation,
    /// HTTP status and the cloud's request id (for the provider's support). Never holds a secret.
    /// </summary>
    public sealed class CloudException : MultiCloudException
    {
        public CloudException(string errorId, ErrorKind kind, string message, Exception? inner = null) : base(errorId, kind, message, inner)
        {
        }

        /// <summary>The provider instance's name in the manifest ("azure-weu").</summary>
        public required string Provider { get; init; }

        /// <summary>What was being done ("create VM hybrid-control-az-1", "RunInstances").</summary>
        public required string Operation { get; init; }

        /// <summary>HTTP status of the failing response; null when no response came.</summary>
        public int? StatusCode { get; init; }

        /// <summary>The cloud's id of the failing request (x-ms-request-id, x-amzn-RequestId, cf-ray …).</summary>
        public string? RequestId { get; init; }

        /// <summary>The cloud's own error code ("uniqueness_error", "81057", "QuotaExceeded"), for providers that react to one.</summary>
        public string? CloudCode { get; init; }
    }

    /// <summary>Builds <see cref="CloudException"/>s with messages that say what happened and what to do.</summary>
    public static class CloudErrors
    {
        public static CloudException Create(string errorId, ErrorKind kind, string provider, string operation, string problem, string remedy,
            int? statusCode = null, string? requestId = null, Exception? inner = null, string? cloudCode = null)
        {
            var status = statusCode is int code ? $" (HTTP {code}" + (requestId is null ? ")" : $", request id {requestId})") : requestId is null ? "" : $" (request id {requestId})";
            return new CloudException(errorId, kind, $"provider {provider}: {operation} failed{status}: {problem}; {remedy}", inner)
            {
                Provider = provider,
                Operation = operation,
                StatusCode = statusCode,
                RequestId = requestId,
                CloudCode = cloudCode,
                Target = provider,
            };
        }

        /// <summary>A resource with the name MultiCloud derives for this cluster exists but belongs to another cluster (or to no cluster).</summary>
        public static CloudException NameTaken(string provider, string operation, string resourceName) =>
            Create(ErrorIds.CloudResourceNameTaken, ErrorKind.AlreadyExists, provider, operation,
                $"a resource named '{resourceName}' exists but is not tagged as this cluster's",
                "MultiCloud never adopts or deletes what it did not make: rename the cluster or remove that resource yourself");
    }
}
