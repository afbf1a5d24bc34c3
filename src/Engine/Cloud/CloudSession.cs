using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>How cloud steps wait for machines.</summary>
    public sealed record CloudOptions
    {
        /// <summary>How long a new machine may take from "created" to answering SSH with its pinned host key.</summary>
        public TimeSpan MachineReadyTimeout { get; init; } = TimeSpan.FromMinutes(10);

        /// <summary>Pause between SSH attempts while a new machine boots.</summary>
        public TimeSpan MachineReadyInterval { get; init; } = TimeSpan.FromSeconds(3);

        public static CloudOptions Default { get; } = new CloudOptions();
    }

    /// <summary>
    /// One run's cloud providers: one machine or DNS provider per provider instance, made on first use from the
    /// catalog and disposed when the run ends, and the networks ensured in this run by region.
    /// </summary>
    public sealed class CloudSession : IAsyncDisposable
    {
        private readonly ProviderCatalog catalog;
        private readonly ProviderContext context;
        private readonly ConcurrentDictionary<string, Lazy<IMachineProvider>> machines = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Lazy<IDnsProvider>> dns = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<CloudRegion, NetworkInfo> networks = new();

        public CloudSession(ProviderCatalog catalog, ProviderContext context, CloudOptions? options = null)
        {
            this.catalog = catalog;
            this.context = context;
            Options = options ?? CloudOptions.Default;
        }

        public CloudOptions Options { get; }

        public IMachineProvider Machines(ProviderSpec spec) =>
            machines.GetOrAdd(spec.Name, _ => new Lazy<IMachineProvider>(() => catalog.Machines(spec, context))).Value;

        public IDnsProvider Dns(ProviderSpec spec) =>
            dns.GetOrAdd(spec.Name, _ => new Lazy<IDnsProvider>(() => catalog.Dns(spec, context))).Value;

        /// <summary>Ensures the region's network (rules included) and remembers it for the machines created after.</summary>
        public async Task<NetworkInfo> EnsureNetworkAsync(CloudRegion region, ProviderSpec provider, NetworkRequest request, CancellationToken cancellationToken)
        {
            var info = await Machines(provider).EnsureNetworkAsync(request, cancellationToken).ConfigureAwait(false);
            networks[region] = info;
            return info;
        }

        /// <summary>The region's network as ensured earlier in this run, or null (a resumed run ensures it again).</summary>
        public NetworkInfo? KnownNetwork(CloudRegion region) => networks.TryGetValue(region, out var info) ? info : null;

        public async ValueTask DisposeAsync()
        {
            var errors = new List<Exception>();
            foreach (var provider in machines.Values) await DisposeQuietly(provider, errors).ConfigureAwait(false);
            foreach (var provider in dns.Values) await DisposeQuietly(provider, errors).ConfigureAwait(false);
            if (errors.Count > 0) throw new AggregateException("disposing cloud providers failed", errors);
        }

        private static async Task DisposeQuietly<T>(Lazy<T> provider, List<Exception> errors) where T : IAsyncDisposable
        {
            if (!provider.IsValueCreated) return;
            try
            {
                await provider.Value.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }
    }
}
