using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Client
{
    /// <summary>
    /// The refresh of one cluster: which of its nodes can be asked (a pinned host key, an address, a key to log in
    /// with), what to ask each (<see cref="ManagedOnHosts.ChecksFor"/>), and the asking itself (<see cref="HostRefresher"/>).
    /// Changes nothing, on the hosts or in the state.
    /// </summary>
    internal static class ClusterRefresh
    {
        /// <param name="desired">The spec being planned, whose machine keys come first; null for status.</param>
        /// <param name="include">Which nodes to look at; null for all.</param>
        public static async Task<RefreshReport> RunAsync(ClusterState? state, string clusterName, ClusterSpec? desired, HostSession session,
            Func<string, bool>? include, CancellationToken cancellationToken)
        {
            var startedAt = DateTimeOffset.UtcNow;
            var nodes = state?.Nodes.Where(n => include is null || include(n.Name)).OrderBy(n => n.Name, StringComparer.Ordinal).ToList() ?? new List<NodeState>();
            // Kubernetes' view of the selected nodes comes from a control node: ask one even when it was not selected.
            if (state != null && nodes.Any(n => n.Joined) && !nodes.Any(n => n.Joined && n.Role == NodeRole.Control)
                && state.Nodes.Where(n => n.Joined && n.Role == NodeRole.Control).OrderBy(n => n.Name, NodeNameOrder.Instance).FirstOrDefault() is NodeState control)
                nodes = nodes.Append(control).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
            if (state is null || nodes.Count == 0) return RefreshReport.Empty(clusterName, state?.Serial ?? 0, startedAt);

            var observations = new List<NodeObservation>();
            var targets = new List<RefreshTarget>();
            var reachable = nodes.Where(n => n.SshHostKey != null && n.PublicAddress != null).ToList();
            foreach (var node in nodes.Except(reachable))
            {
                observations.Add(NotContacted(node.Name, node.SshHostKey is null
                    ? "MultiCloud has not contacted it yet (no host key is pinned)"
                    : "the state has no address for it"));
            }
            if (reachable.Count > 0)
            {
                var services = await session.ServicesAsync(cancellationToken).ConfigureAwait(false);
                var specs = new[] { desired, state.Journal?.DesiredSpec, state.AppliedSpec };
                foreach (var node in reachable)
                {
                    try
                    {
                        var key = await NodeAccess.PrivateKeyAsync(services, NodeAccess.KeyReferenceIn(specs, node), cancellationToken).ConfigureAwait(false);
                        targets.Add(new RefreshTarget(TargetOf(node, key), ManagedOnHosts.ChecksFor(node)));
                    }
                    catch (MultiCloudException e) when (e.Kind != ErrorKind.Canceled)
                    {
                        observations.Add(NotContacted(node.Name, "no key to log in with: " + e.Message) with { ErrorId = e.ErrorId });
                    }
                }
                var refresher = new HostRefresher(services.Remote, session.Options.MaxParallelTargets, () => DateTimeOffset.UtcNow);
                observations.AddRange(await refresher.CheckAsync(targets, cancellationToken).ConfigureAwait(false));
            }

            var report = new RefreshReport
            {
                ClusterName = clusterName,
                StateSerial = state.Serial,
                StartedAt = startedAt,
                Nodes = observations.OrderBy(o => o.Node, StringComparer.Ordinal).ToList(),
            };
            Summarize(session.Options.Log, report, DateTimeOffset.UtcNow - startedAt);
            return report;
        }

        private static SshTarget TargetOf(NodeState node, SshPrivateKey key) => new SshTarget
        {
            NodeName = node.Name,
            Host = node.PublicAddress!,
            Port = node.SshPort,
            User = node.SshUser,
            PrivateKey = key,
            PinnedHostKey = node.SshHostKey,
        };

        private static NodeObservation NotContacted(string node, string why) => new NodeObservation
        {
            Node = node,
            Check = HostCheck.NotContacted,
            SeenAt = DateTimeOffset.UtcNow,
            Problem = why,
        };

        private static void Summarize(IEngineLog log, RefreshReport report, TimeSpan took)
        {
            var checkedCount = report.Nodes.Count(n => n.IsChecked);
            log.Write(LogLevel.Information,
                $"refresh of cluster {report.ClusterName}: {checkedCount} of {report.Nodes.Count} hosts checked in {took.TotalSeconds:0.00} s");
            // Verbose, not a warning: the plan's notices and the status' problems say it to the user, once.
            foreach (var node in report.Nodes.Where(n => !n.IsChecked))
                log.Write(LogLevel.Verbose, $"refresh: {node.Node} not checked ({node.Check}): {node.Problem}");
        }
    }
}
