using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Cloudflare
{
    /// <summary>Cloudflare: DNS records through the REST API v4 (https://developers.cloudflare.com/api/); no machines.</summary>
    public sealed class CloudflareProviderFactory : IProviderFactory
    {
        public const string DefaultEndpoint = "https://api.cloudflare.com/client/v4/";
        public const string EndpointSetting = "endpoint";
        public const string TokenCredential = "apiToken";

        public CloudflareProviderFactory(RetryPolicy? retry = null) => Retry = retry ?? RetryPolicy.Default;

        public RetryPolicy Retry { get; }

        public ProviderType Type => ProviderType.Cloudflare;

        public IMachineProvider? CreateMachines(ProviderSpec spec, ProviderContext context) => null;

        public IDnsProvider? CreateDns(ProviderSpec spec, ProviderContext context) =>
            new CloudflareDnsProvider(new RestApiClient(spec, context, ProviderEndpoints.From(spec, EndpointSetting, DefaultEndpoint), TokenCredential, new CloudflareDialect(), Retry),
                spec.Settings.TryGetValue("accountId", out var account) ? account : null);
    }
}
