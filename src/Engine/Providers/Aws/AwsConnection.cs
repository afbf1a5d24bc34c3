using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// One provider instance's way to EC2: its own transport (<see cref="ProviderHttp"/>), its own identity and one
    /// <see cref="AmazonEC2Client"/> per region (EC2 is regional). Nothing is static, so two AWS providers of one
    /// cluster (two accounts) never share credentials or connections. Retries: the SDK's standard mode (exponential
    /// backoff with jitter for throttling and 5xx; RunInstances is safe to retry because it carries a ClientToken).
    /// </summary>
    internal sealed class AwsConnection : IAsyncDisposable
    {
        /// <summary>Attempts after the first for throttling and 5xx answers (the SDK's default is 2).</summary>
        public const int MaxErrorRetry = 4;

        private readonly ProviderContext context;
        private readonly HttpMessageHandler handler;
        private readonly AwsIdentity identity;
        private readonly ConcurrentDictionary<string, AmazonEC2Client> clients = new ConcurrentDictionary<string, AmazonEC2Client>(StringComparer.Ordinal);

        public AwsConnection(ProviderSpec spec, ProviderContext context)
        {
            Settings = AwsSettings.Parse(spec);
            this.context = context;
            handler = ProviderHttp.CreateHandler(spec);
            identity = new AwsIdentity(Settings, context);
        }

        public AwsSettings Settings { get; }

        public string Provider => Settings.Provider;

        public HttpMessageHandler Handler => handler;

        public AwsIdentity Identity => identity;

        public void Log(string message) => context.Log.Write(LogLevel.Verbose, $"provider {Provider} (aws): {message}");

        public void Warn(CloudException error) => context.Log.Write(LogLevel.Warning, error.Message);

        /// <summary>Runs one EC2 call in a region, turning every failure into a <see cref="CloudException"/> for <paramref name="operation"/>.</summary>
        public async Task<T> CallAsync<T>(string region, string operation, Func<IAmazonEC2, Task<T>> call, CancellationToken cancellationToken, PoolFields? fields = null)
        {
            fields ??= new PoolFields(Region: region);
            var client = await ClientAsync(region, fields, cancellationToken).ConfigureAwait(false);
            Log($"{operation} in {region}");
            try
            {
                return await call(client).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AmazonServiceException || e is AmazonClientException || e is HttpRequestException)
            {
                var error = AwsErrors.Map(e, Provider, operation, fields.Region is null ? fields with { Region = region } : fields);
                Warn(error);
                throw error;
            }
        }

        private async Task<AmazonEC2Client> ClientAsync(string region, PoolFields fields, CancellationToken cancellationToken)
        {
            if (clients.TryGetValue(region, out var existing)) return existing;
            var credentials = await identity.CredentialsAsync(cancellationToken).ConfigureAwait(false);
            var config = new AmazonEC2Config
            {
                HttpClientFactory = new AwsHttpClientFactory(handler),
                RetryMode = RequestRetryMode.Standard,
                MaxErrorRetry = MaxErrorRetry,
            };
            if (Settings.Ec2EndpointFor(region) is { } endpoint)
            {
                config.ServiceURL = endpoint.AbsoluteUri;
                config.AuthenticationRegion = region;
            }
            else
            {
                // The SDK would make up "ec2.<anything>.amazonaws.com" for a region it does not know; say so before any call.
                if (!RegionEndpoint.EnumerableAllRegions.Any(r => r.SystemName == region))
                    throw CloudErrors.Create(ErrorIds.CloudNotFound, ErrorKind.NotFound, Provider, "find region " + region,
                        $"'{region}' is not an AWS region", $"fix the pool's region field (e.g. eu-central-1), or set {AwsSettings.Ec2EndpointSetting} for an EC2-compatible cloud");
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }
            return clients.GetOrAdd(region, _ => new AmazonEC2Client(credentials, config));
        }

        public ValueTask DisposeAsync()
        {
            foreach (var client in clients.Values) client.Dispose();
            clients.Clear();
            handler.Dispose();
            return default;
        }
    }
}
