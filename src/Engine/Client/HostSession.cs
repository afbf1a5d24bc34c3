using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Client
{
    /// <summary>
    /// The hosts' side of one engine call: the SSH transport, its run log, the cloud providers' session and the run's services, made on first use
    /// (a call that needs no host opens nothing) and disposed when the call ends. A refresh and the run after it share
    /// one session, so they share connections and their round trips count together.
    /// <para>
    /// A call that holds the cluster's lock (apply, sync, destroy) creates the cluster key when missing. One that does
    /// not (plan, status) writes nothing in the cluster's folder but its run log, so it never races a run that holds
    /// the lock; keys stay in memory and host keys come with each target, from state.
    /// </para>
    /// </summary>
    internal sealed class HostSession : IAsyncDisposable
    {
        private readonly MultiCloudClientOptions options;
        private readonly Func<string> clusterDirectory;
        private readonly bool holdsLock;
        private RunServices? services;

        private HostSession(MultiCloudClientOptions options, Func<string> clusterDirectory, bool holdsLock)
        {
            this.options = options;
            this.clusterDirectory = clusterDirectory;
            this.holdsLock = holdsLock;
        }

        /// <summary>A session of a call that holds the cluster's lock.</summary>
        public static HostSession Locked(MultiCloudClientOptions options, IStateStore store, string clusterName) =>
            new HostSession(options, () => store.GetClusterDirectory(clusterName), holdsLock: true);

        /// <summary>A session of a call without the lock, which must leave the cluster's folder as it is.</summary>
        public static HostSession Unlocked(MultiCloudClientOptions options, IStateStore store, string clusterName) =>
            new HostSession(options, () => store.GetClusterDirectory(clusterName), holdsLock: false);

        public MultiCloudClientOptions Options => options;

        public async Task<RunServices> ServicesAsync(CancellationToken cancellationToken)
        {
            if (services != null) return services;
            var directory = clusterDirectory();
            var keyPath = holdsLock
                ? await ClusterKeyPair.EnsureAsync(directory, cancellationToken).ConfigureAwait(false)
                : ClusterKeyPair.PathIn(directory);
            var runLog = RunLogs.NewPath(directory);
            var shell = options.Composition.RemoteShell(new RemoteShellSetup(runLog, options.Log, options.Ssh));
            var credentials = options.Credentials ?? new DefaultCredentialResolver();
            services = new RunServices
            {
                Log = options.Log,
                ClusterDirectory = directory,
                RunLogPath = runLog,
                Credentials = credentials,
                Remote = shell,
                ClusterKeyPath = keyPath,
                Cloud = new CloudSession(options.Composition.Providers, new ProviderContext(credentials, options.Log), options.Cloud),
            };
            return services;
        }

        /// <summary>Round trips made to each of the nodes so far; nodes not contacted are left out.</summary>
        public IReadOnlyDictionary<string, int> RoundTrips(IEnumerable<string> nodeNames)
        {
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            if (services is null) return counts;
            foreach (var name in nodeNames.Distinct(StringComparer.Ordinal))
            {
                var count = services.Remote.RoundTrips(name);
                if (count > 0) counts[name] = count;
            }
            return counts;
        }

        public async ValueTask DisposeAsync()
        {
            if (services is null) return;
            await services.Remote.DisposeAsync().ConfigureAwait(false);
            if (services.Cloud != null) await services.Cloud.DisposeAsync().ConfigureAwait(false);
        }
    }
}
