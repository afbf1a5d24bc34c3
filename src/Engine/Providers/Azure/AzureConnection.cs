using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// One provider instance's way to ARM: its own HTTP transport (<see cref="ProviderHttp"/>), its own credential
    /// (a service principal with a client secret, or the managed identity when the manifest names no secret) and its
    /// own <see cref="ArmClient"/>. Nothing is static, so two Azure providers of one cluster (two subscriptions, two
    /// service principals) never share a token. The secret is read when the first call needs a token, and only the
    /// credential object holds it.
    /// </summary>
    internal sealed class AzureConnection : IAsyncDisposable
    {
        private readonly ProviderContext context;
        private readonly HttpClientTransport transport;
        private readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        private ArmClient? client;
        private string? subscription;

        public AzureConnection(ProviderSpec spec, ProviderContext context)
        {
            Settings = AzureSettings.Parse(spec);
            this.context = context;
            transport = new HttpClientTransport(ProviderHttp.CreateHandler(spec));
        }

        public AzureSettings Settings { get; }

        public string Provider => Settings.Provider;

        /// <summary>Adds what generic resource data cannot carry (zones, conditional headers) to one write.</summary>
        public ArmRequestAdditions Additions { get; } = new ArmRequestAdditions();

        /// <summary>The subscription id, known once <see cref="ConnectAsync"/> ran (it may come from a credential reference).</summary>
        public string Subscription => subscription ?? throw new InvalidOperationException("call ConnectAsync before using the subscription");

        public ResourceIdentifier SubscriptionId => SubscriptionResource.CreateResourceIdentifier(Subscription);

        /// <summary>Resolves the ids and the credential and makes the ARM client, once; every provider call starts here.</summary>
        public Task ConnectAsync(CancellationToken cancellationToken) => ClientAsync(cancellationToken);

        public void Log(string message) => context.Log.Write(LogLevel.Verbose, $"provider {Provider} (azure): {message}");

        /// <summary>Runs one ARM call, turning every failure into a <see cref="CloudException"/> for <paramref name="operation"/>.</summary>
        public async Task<T> CallAsync<T>(string operation, Func<ArmClient, Task<T>> call, CancellationToken cancellationToken, ManifestFields? fields = null)
        {
            var arm = await ClientAsync(cancellationToken).ConfigureAwait(false);
            Log(operation);
            try
            {
                return await call(arm).ConfigureAwait(false);
            }
            catch (Exception e) when (e is global::Azure.RequestFailedException || e is AuthenticationFailedException || e is CredentialUnavailableException
                || e is System.Net.Http.HttpRequestException)
            {
                var error = AzureErrors.Map(e, Provider, operation, fields);
                context.Log.Write(LogLevel.Warning, error.Message);
                throw error;
            }
        }

        public async Task CallAsync(string operation, Func<ArmClient, Task> call, CancellationToken cancellationToken, ManifestFields? fields = null) =>
            await CallAsync<bool>(operation, async arm => { await call(arm).ConfigureAwait(false); return true; }, cancellationToken, fields).ConfigureAwait(false);

        private async Task<ArmClient> ClientAsync(CancellationToken cancellationToken)
        {
            if (client != null) return client;
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (client != null) return client;
                subscription = AzureSettings.CheckSubscription(Provider, await ResolveAsync(Settings.SubscriptionId, cancellationToken).ConfigureAwait(false));
                var credential = await CredentialAsync(cancellationToken).ConfigureAwait(false);
                var options = new ArmClientOptions
                {
                    Environment = new ArmEnvironment(Settings.ArmEndpoint, Settings.ArmAudience),
                    Transport = transport,
                };
                AzureApiVersions.Apply(options);
                options.AddPolicy(Additions, HttpPipelinePosition.PerCall);
                return client = new ArmClient(credential, subscription, options);
            }
            finally
            {
                gate.Release();
            }
        }

        private async Task<TokenCredential> CredentialAsync(CancellationToken cancellationToken)
        {
            if (Settings.ClientSecret is { } reference)
            {
                var tenant = await ResolveAsync(Settings.TenantId!, cancellationToken).ConfigureAwait(false);
                var clientId = await ResolveAsync(Settings.ClientId!, cancellationToken).ConfigureAwait(false);
                var secret = await context.Credentials.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
                return new ClientSecretCredential(tenant, clientId, secret, new ClientSecretCredentialOptions
                {
                    AuthorityHost = Settings.AuthorityHost,
                    Transport = transport,
                    DisableInstanceDiscovery = Settings.DisableInstanceDiscovery,
                });
            }
            Log("no clientSecret in the manifest: signing in with the managed identity");
            var identity = Settings.ClientId is null
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(await ResolveAsync(Settings.ClientId, cancellationToken).ConfigureAwait(false));
            return new ManagedIdentityCredential(new ManagedIdentityCredentialOptions(identity) { AuthorityHost = Settings.AuthorityHost, Transport = transport });
        }

        private async Task<string> ResolveAsync(AzureValue value, CancellationToken cancellationToken) =>
            value.Text ?? (await context.Credentials.ResolveAsync(value.Reference!, cancellationToken).ConfigureAwait(false)).Trim();

        public ValueTask DisposeAsync()
        {
            transport.Dispose();
            gate.Dispose();
            return default;
        }
    }
}
