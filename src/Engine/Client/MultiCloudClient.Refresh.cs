using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Views;

namespace MultiCloud.Engine.Client
{
    /// <summary>The refresh before planning and reporting: when it runs, under which lock, and what status shows of it.</summary>
    public sealed partial class MultiCloudClient
    {
        /// <summary>
        /// Clusters whose name matches the pattern, each with what a refresh of its hosts sees now (one round trip per
        /// host, no lock, nothing changed), or, with <see cref="RefreshMode.StateOnly"/>, with what the state records.
        /// ClusterNotFound for a plain name that matches none.
        /// </summary>
        public async Task<IReadOnlyList<ClusterStatus>> GetStatusAsync(string? namePattern, RefreshMode refresh, CancellationToken cancellationToken) =>
            (await SelectStatusesAsync(namePattern is null ? null : new[] { namePattern }, refresh, cancellationToken).ConfigureAwait(false)).ItemsOrThrow();

        /// <summary>Clusters by name patterns (<see cref="NameSelection"/>), in name order, each refreshed as <paramref name="refresh"/> says.</summary>
        public async Task<Selection<ClusterStatus>> SelectStatusesAsync(IReadOnlyList<string>? patterns, RefreshMode refresh, CancellationToken cancellationToken)
        {
            var selected = await SelectClustersAsync(patterns, cancellationToken).ConfigureAwait(false);
            var statuses = new List<ClusterStatus>();
            foreach (var state in selected.Items)
            {
                var refreshed = await RefreshUnlockedAsync(state, state.Name, null, refresh, null, cancellationToken).ConfigureAwait(false);
                statuses.Add(ClusterStatus.From(state, refreshed));
            }
            return new Selection<ClusterStatus>(statuses, selected.NotFound);
        }

        /// <summary>The nodes of a cluster whose name matches the pattern; with a refresh of just those nodes unless told to trust the state.</summary>
        public async Task<IReadOnlyList<NodeInfo>> GetNodesAsync(string clusterName, string? namePattern, RefreshMode refresh, CancellationToken cancellationToken) =>
            (await SelectNodesAsync(clusterName, namePattern is null ? null : new[] { namePattern }, refresh, cancellationToken).ConfigureAwait(false)).ItemsOrThrow();

        /// <summary>
        /// Nodes of a cluster by name patterns, in the state's order, with what a refresh of just the selected nodes sees
        /// now (unless told to trust the state).
        /// </summary>
        public async Task<Selection<NodeInfo>> SelectNodesAsync(string clusterName, IReadOnlyList<string>? patterns, RefreshMode refresh, CancellationToken cancellationToken)
        {
            var state = await GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
            bool Selected(string name) => patterns is null || patterns.Count == 0 || patterns.Any(pattern => Wildcard.IsMatch(name, pattern));
            var refreshed = await RefreshUnlockedAsync(state, state.Name, null, refresh, Selected, cancellationToken).ConfigureAwait(false);
            var nodes = ClusterStatus.From(state, refreshed).Nodes;
            return NameSelection.Select(nodes, node => node.Name, patterns, name =>
                new MultiCloudException(ErrorIds.NodeNotFound, ErrorKind.NotFound,
                    $"cluster '{clusterName}' has no node named '{name}' ({NameSelection.Known(nodes.Select(n => n.Name))})") { Target = name });
        }

        /// <summary>A refresh without the lock (plan, status): it must not block a running apply, and writes no state.</summary>
        private async Task<RefreshReport?> RefreshUnlockedAsync(ClusterState? current, string clusterName, ClusterSpec? desired, RefreshMode refresh,
            Func<string, bool>? include, CancellationToken cancellationToken)
        {
            if (refresh == RefreshMode.StateOnly) return null;
            await using var session = HostSession.Unlocked(_options, Store, clusterName);
            return await ClusterRefresh.RunAsync(current, clusterName, desired, session, include, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The refresh an apply plans with, under its lock: none when told to trust the state; the confirmed plan's own
        /// when the state is still the one it saw; otherwise a new one in the apply's session.
        /// </summary>
        private static async Task<RefreshReport?> RefreshLockedAsync(ClusterState? current, ClusterSpec desired, ApplyOptions options, HostSession session,
            CancellationToken cancellationToken)
        {
            if (options.Refresh == RefreshMode.StateOnly) return null;
            if (options.Refreshed is RefreshReport confirmed && confirmed.ClusterName == desired.Name && confirmed.StateSerial == (current?.Serial ?? 0))
                return confirmed;
            return await ClusterRefresh.RunAsync(current, desired.Name, desired, session, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
