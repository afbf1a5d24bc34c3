using System.Net.Http;
using Amazon.Runtime;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// Gives the AWS SDK the provider instance's own transport (<see cref="ProviderHttp.CreateHandler"/>: the system's
    /// roots plus <c>trustedCaFile</c>, TLS verified in full) instead of the SDK's process-wide cached clients, so two AWS
    /// providers of one cluster never share a connection pool or a CA setting.
    /// </summary>
    internal sealed class AwsHttpClientFactory : HttpClientFactory
    {
        private readonly HttpMessageHandler handler;

        public AwsHttpClientFactory(HttpMessageHandler handler) => this.handler = handler;

        /// <summary>The handler outlives each client: the provider disposes it when the run ends.</summary>
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new HttpClient(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => "multicloud-provider-" + GetHashCode();
    }
}
