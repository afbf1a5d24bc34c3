using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Views
{
    /// <summary>
    /// What a refresh says about a cluster, per node and per layer, with every problem in one line that names the
    /// node(s): drift, nodes not checked, mesh pairs without a recent handshake, load balancers not listening, nodes
    /// Kubernetes does not call Ready (<see cref="KubernetesHealth"/>). Pure.
    /// </summary>
    public sealed class ClusterHealth
    {
        private readonly ClusterState state;
        private readonly RefreshReport report;
        private readonly IReadOnlyList<Drift> drift;
        private readonly IReadOnlyList<StaleMeshPair> stale;
        private readonly KubernetesHealth kubernetes;

        private ClusterHealth(ClusterState state, RefreshReport report, Func<string, bool> vouchedFor)
        {
            this.state = state;
            this.report = report;
            drift = DriftFinder.Find(state, report).Where(d => !vouchedFor(d.Node)).ToList();
            stale = MeshHandshakes.Stale(state, report).Where(p => !vouchedFor(p.First) && !vouchedFor(p.Second)).ToList();
            NotChecked = report.Nodes.Where(n => !n.IsChecked && !vouchedFor(n.Node)).ToList();
            kubernetes = KubernetesHealth.Of(state, report, vouchedFor);
            Problems = NotChecked.Select(n => n.Check == HostCheck.Unreachable ? $"{n.Node} is unreachable: {n.Problem}" : $"{n.Node} was not checked: {n.Problem}")
                .Concat(drift.Select(d => d.Describe()))
                .Concat(stale.Select(p => p.Describe()))
                .Concat(state.Nodes.Where(n => !vouchedFor(n.Name)).SelectMany(n => PortsNotListening(n).Select(port => $"nginx on {n.Name} is not listening on {port}")))
                .Concat(kubernetes.Problems())
                .ToList();
        }

        /// <summary>Health as the refresh saw it.</summary>
        public static ClusterHealth Of(ClusterState state, RefreshReport report) => new ClusterHealth(state, report, _ => false);

        /// <summary>
        /// Health after a run that finished: the nodes its steps converged are vouched for by the run itself, so only
        /// what the refresh found on nodes the run did not touch (one it could not reach and had no task for) remains.
        /// </summary>
        public static ClusterHealth AfterRun(ClusterState state, RefreshReport report, IEnumerable<string> touched)
        {
            var converged = new HashSet<string>(touched, StringComparer.Ordinal);
            return new ClusterHealth(state, report, converged.Contains);
        }

        public DateTimeOffset CheckedAt => report.StartedAt;

        public IReadOnlyList<NodeObservation> NotChecked { get; }

        /// <summary>Every problem, one line each, naming the node or both ends of a mesh pair.</summary>
        public IReadOnlyList<string> Problems { get; }

        public bool IsHealthy => Problems.Count == 0;

        /// <summary>Per layer: Healthy, Degraded, NotApplied or Unknown, with a line that says why.</summary>
        public IReadOnlyList<LayerStatus> Layers() => new[]
        {
            NodesLayer(),
            Layer(ClusterLayer.Mesh, state.Applied.ContainsKey(AppliedKeys.Mesh), MeshSummary()),
            Layer(ClusterLayer.LoadBalancers, state.Applied.Keys.Any(k => k.StartsWith(AppliedKeys.LoadBalancerPrefix, StringComparison.Ordinal)), LoadBalancerSummary()),
            KubernetesLayer(),
        };

        /// <summary>Kubernetes' view of a joined node: Ready, NotReady, Missing (no Node object) or Unknown (the API was not asked or did not answer); null for a node not joined.</summary>
        public string? KubernetesReadiness(string node) => kubernetes.ReadinessOf(node);

        public NodeObservation? Observation(string node) => report.Of(node);

        /// <summary>The problems on one node (drift, mesh pairs it is an end of, ports not served).</summary>
        public IReadOnlyList<string> ProblemsOf(string node) =>
            drift.Where(d => d.Node == node).Select(d => d.Describe())
                .Concat(stale.Where(p => p.First == node || p.Second == node).Select(p => p.Describe()))
                .Concat(state.Nodes.Where(n => n.Name == node).SelectMany(n => PortsNotListening(n).Select(port => $"nginx is not listening on {port}")))
                .Concat(kubernetes.ProblemOf(node) is string problem ? new[] { problem } : new string[0])
                .ToList();

        /// <summary>For a node with a recorded load balancer: nginx active and every port of its roles served; null otherwise or when not checked.</summary>
        public bool? LoadBalancerUp(NodeState node)
        {
            var observed = report.Of(node.Name);
            if (observed is null || !observed.IsChecked || !DriftFinder.AppliedLayers(state, node).Contains(ClusterLayer.LoadBalancers)) return null;
            var nginx = observed.Services.TryGetValue(ManagedOnHosts.NginxUnit, out var unit) && unit.IsActive;
            return nginx && PortsNotListening(node).Count == 0;
        }

        private LayerStatus NodesLayer()
        {
            var reached = report.Nodes.Count(n => n.IsChecked);
            var detail = $"{reached.ToString(CultureInfo.InvariantCulture)} of {report.Nodes.Count.ToString(CultureInfo.InvariantCulture)} hosts answered";
            if (NotChecked.Count > 0) detail += "; not checked: " + string.Join(", ", NotChecked.Select(n => $"{n.Node} ({Words(n.Check)})"));
            var nodeDrift = drift.Where(d => d.Layer == ClusterLayer.Nodes).ToList();
            if (nodeDrift.Count > 0) detail += "; " + string.Join("; ", nodeDrift.Select(d => d.Describe()));
            return new LayerStatus(ClusterLayer.Nodes.ToString(), NotChecked.Count + nodeDrift.Count == 0 ? LayerStatus.Healthy : LayerStatus.Degraded, detail);
        }

        private LayerStatus KubernetesLayer()
        {
            var name = ClusterLayer.Kubernetes.ToString();
            if (!kubernetes.Applied) return new LayerStatus(name, LayerStatus.NotApplied, "not applied to this cluster");
            var count = $"{kubernetes.ReadyCount.ToString(CultureInfo.InvariantCulture)} of {kubernetes.JoinedCount.ToString(CultureInfo.InvariantCulture)} nodes Ready";
            if (kubernetes.AnyUnknown)
            {
                var why = kubernetes.Unanswered.Count > 0 ? string.Join("; ", kubernetes.Unanswered) : "no joined control node was part of this refresh";
                return new LayerStatus(name, kubernetes.ApiProblem is null ? LayerStatus.Unknown : LayerStatus.Degraded, $"{count} known; the API was not asked or did not answer: {why}");
            }
            var problems = kubernetes.Problems().ToList();
            var detail = kubernetes.AskedOn is null ? count + " (every node joined or converged by this run)" : $"{count}, as {kubernetes.AskedOn} saw them through the API endpoint";
            if (kubernetes.Unmanaged.Count > 0) detail += "; Kubernetes also lists Nodes MultiCloud does not manage: " + string.Join(", ", kubernetes.Unmanaged);
            if (problems.Count > 0) detail += "; " + string.Join("; ", problems);
            return new LayerStatus(name, problems.Count == 0 ? LayerStatus.Healthy : LayerStatus.Degraded, detail);
        }

        private LayerStatus Layer(ClusterLayer layer, bool applied, (bool Healthy, string Detail) summary)
        {
            if (!applied) return new LayerStatus(layer.ToString(), LayerStatus.NotApplied, "not applied to this cluster");
            return new LayerStatus(layer.ToString(), summary.Healthy ? LayerStatus.Healthy : LayerStatus.Degraded, summary.Detail);
        }

        private (bool, string) MeshSummary()
        {
            var members = state.Nodes.Where(n => DriftFinder.InMesh(state, n)).ToList();
            var problems = drift.Where(d => d.Layer == ClusterLayer.Mesh).Select(d => d.Describe())
                .Concat(stale.Select(p => p.Describe()))
                .Concat(NotChecked.Where(n => members.Any(m => m.Name == n.Node)).Select(n => n.Node + " not checked"))
                .ToList();
            if (problems.Count > 0) return (false, string.Join("; ", problems));
            var ages = members.Select(m => report.Of(m.Name)).Where(o => o != null).Select(o => MeshHandshakes.OldestHandshake(state, o!)).OfType<TimeSpan>().ToList();
            var oldest = ages.Count == 0 ? "" : ", oldest latest handshake " + MeshHandshakes.Duration(ages.Max()) + " ago";
            return (true, $"{members.Count.ToString(CultureInfo.InvariantCulture)} members, every pair handshaking{oldest}");
        }

        private (bool, string) LoadBalancerSummary()
        {
            var nodes = state.Nodes.Where(n => DriftFinder.AppliedLayers(state, n).Contains(ClusterLayer.LoadBalancers)).ToList();
            var down = nodes.Where(n => LoadBalancerUp(n) != true).Select(n => n.Name).ToList();
            var problems = drift.Where(d => d.Layer == ClusterLayer.LoadBalancers).Select(d => d.Describe()).ToList();
            if (down.Count + problems.Count > 0)
                return (false, string.Join("; ", down.Select(n => "not serving on " + n).Concat(problems)));
            return (true, "nginx serving on " + string.Join(", ", nodes.Select(n => n.Name)));
        }

        /// <summary>The ports ("tcp/6443") a checked load-balancer node should serve and does not.</summary>
        private IReadOnlyList<string> PortsNotListening(NodeState node)
        {
            var observed = report.Of(node.Name);
            var spec = state.AppliedSpec ?? state.Journal?.DesiredSpec;
            if (observed is null || !observed.IsChecked || spec is null || !DriftFinder.AppliedLayers(state, node).Contains(ClusterLayer.LoadBalancers))
                return new string[0];
            // A stopped nginx serves nothing; its drift ("restart nginx") already says so.
            if (!observed.Services.TryGetValue(ManagedOnHosts.NginxUnit, out var nginx) || !nginx.IsActive) return new string[0];
            var expected = spec.LoadBalancers.Where(lb => lb.Pools.Contains(node.Pool))
                .SelectMany(lb => lb.Roles)
                .Where(role => state.Nodes.Any(n => role.TargetPools.Contains(n.Pool)))
                .Select(role => (role.Protocol == LoadBalancerProtocol.Udp ? "udp/" : "tcp/") + role.Port.ToString(CultureInfo.InvariantCulture))
                .Distinct(StringComparer.Ordinal);
            return expected.Where(port => !observed.Listening.Contains(port)).ToList();
        }

        private static string Words(HostCheck check) => check switch
        {
            HostCheck.Unreachable => "unreachable",
            HostCheck.Unreadable => "unreadable",
            _ => "never contacted",
        };
    }

    /// <summary>One layer of a cluster as the refresh saw it.</summary>
    public sealed record LayerStatus(string Layer, string Status, string Detail)
    {
        public const string Healthy = "Healthy";
        public const string Degraded = "Degraded";
        public const string NotApplied = "NotApplied";
        public const string Unknown = "Unknown";

        public override string ToString() => $"{Layer}: {Status} ({Detail})";
    }
}
