using System;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Hetzner
{
    /// <summary>Hetzner Cloud: machines through its REST API (https://docs.hetzner.cloud/); no DNS (Hetzner DNS is its own type).</summary>
    public sealed class HetznerProviderFactory : IProviderFactory
    {
        public const string DefaultEndpoint = "https://api.hetzner.cloud/v1/";
        public const string EndpointSetting = "endpoint";
        public const string TokenCredential = "token";

        public HetznerProviderFactory(RetryPolicy? retry = null) => Retry = retry ?? RetryPolicy.Default;

        public RetryPolicy Retry { get; }

        public ProviderType Type => ProviderType.Hetzner;

        public IMachineProvider? CreateMachines(ProviderSpec spec, ProviderContext context) =>
            new HetznerMachineProvider(new HetznerApi(new RestApiClient(spec, context, Endpoint(spec), TokenCredential, new HetznerDialect(), Retry)), context);

        public IDnsProvider? CreateDns(ProviderSpec spec, ProviderContext context) => null;

        /// <summary>The API base address: the endpoint setting (an absolute https URL) or the public API.</summary>
        internal static Uri Endpoint(ProviderSpec spec) => ProviderEndpoints.From(spec, EndpointSetting, DefaultEndpoint);
    }
}
