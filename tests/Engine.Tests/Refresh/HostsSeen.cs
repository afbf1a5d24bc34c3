using System.Security.Cryptography;
using System.Text;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Nodes;
using MultiCloud.Engine.Tests.Planning;

namespace MultiCloud.Engine.Tests.Refresh;

/// <summary>
/// A cluster as a finished apply leaves it (the static spec up to its load balancers: lb-1, control-1, workers-1,
/// workers-2; every node prepared, keyed, its host key pinned, the hashes of its files recorded), and what a refresh
/// of such healthy hosts sees. Tests change one thing of it and look at the plan or the views.
/// </summary>
internal static class HostsSeen
{
    public static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan RecentHandshake = TimeSpan.FromSeconds(40);

    public static PlanOptions UpToLoadBalancers { get; } = new() { Until = ClusterLayer.LoadBalancers };

    public static ClusterSpec Spec() => ClusterSpecs.Static();

    public static ClusterState Applied(ClusterSpec? spec = null)
    {
        var state = SimulatedApply.Plan(spec ?? Spec(), null, UpToLoadBalancers);
        return state with
        {
            Until = ClusterLayer.LoadBalancers,
            Nodes = state.Nodes.Select((node, index) => node with
            {
                SshHostKey = NodeExample.HostKey(index + 1).PublicKey,
                SshHostKeyFingerprint = NodeExample.HostKey(index + 1).Fingerprint,
                WireGuardPublicKey = NodeExample.WireGuardKey(index + 1),
                ManagedFiles = ManagedOnHosts.FilesOf(node.Role).ToDictionary(file => file.Path, file => Hash(node.Name, file.Path)),
            }).ToList(),
        };
    }

    /// <summary>The hash the state records for a node's file (and a healthy host has).</summary>
    public static string Hash(string node, string path) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(node + ":" + path))).ToLowerInvariant();

    /// <summary>What a refresh sees on a node that is exactly as the state records it.</summary>
    public static NodeObservation Healthy(ClusterState state, NodeState node) => new()
    {
        Node = node.Name,
        Check = HostCheck.Checked,
        SeenAt = Now,
        HostTime = Now,
        OperatingSystem = "debian 12",
        HostKeys = new[] { node.SshHostKey! },
        Files = ManagedOnHosts.FilesOf(node.Role).ToDictionary(file => file.Path, file => (string?)node.ManagedFiles[file.Path]),
        Services = ManagedOnHosts.ServicesOf(node.Role).ToDictionary(s => s.Unit, s => new ServiceObservation(s.Unit, "active", "enabled")),
        WireGuard = new WireGuardObservation(node.WireGuardPublicKey!, 51820, state.Nodes.Where(other => other.Name != node.Name)
            .Select(other => new PeerObservation(other.WireGuardPublicKey!, other.PublicAddress + ":51820", other.MeshAddress + "/32", Now - RecentHandshake))
            .ToList()),
        Listening = node.Role == NodeRole.LoadBalancer ? new[] { "tcp/22", "tcp/6443" } : new[] { "tcp/22", "udp/51820" },
    };

    /// <summary>A refresh of every node, healthy but for the changes given by node name.</summary>
    public static RefreshReport Report(ClusterState state, params (string Node, Func<NodeObservation, NodeObservation> Change)[] changes) => new()
    {
        ClusterName = state.Name,
        StateSerial = state.Serial,
        StartedAt = Now,
        Nodes = state.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal).Select(node =>
            changes.Where(c => c.Node == node.Name).Aggregate(Healthy(state, node), (observed, c) => c.Change(observed))).ToList(),
    };

    // ---- changes a test makes to one observation

    public static Func<NodeObservation, NodeObservation> ServiceState(string unit, string active, string enabled = "enabled") =>
        observed => observed with { Services = With(observed.Services, unit, new ServiceObservation(unit, active, enabled)) };

    public static Func<NodeObservation, NodeObservation> FileHash(string path, string? hash) =>
        observed => observed with { Files = With(observed.Files, path, hash) };

    public static Func<NodeObservation, NodeObservation> WithoutPeer(string publicKey) =>
        observed => observed with { WireGuard = observed.WireGuard! with { Peers = observed.WireGuard.Peers.Where(p => p.PublicKey != publicKey).ToList() } };

    public static Func<NodeObservation, NodeObservation> PeerHandshake(string publicKey, DateTimeOffset? at) =>
        observed => observed with
        {
            WireGuard = observed.WireGuard! with { Peers = observed.WireGuard.Peers.Select(p => p.PublicKey == publicKey ? p with { LatestHandshake = at } : p).ToList() },
        };

    public static Func<NodeObservation, NodeObservation> Unreachable(string message) =>
        observed => new NodeObservation { Node = observed.Node, Check = HostCheck.Unreachable, SeenAt = Now, ErrorId = ErrorIds.SshConnectionFailed, Problem = message };

    /// <summary>The cluster with every control and compute node joined to Kubernetes (lb-1 stays out).</summary>
    public static ClusterState Joined(ClusterState state) =>
        state with { Nodes = state.Nodes.Select(n => n.Role == NodeRole.LoadBalancer ? n : n with { Joined = true }).ToList() };

    /// <summary>A joined cluster's refresh as a healthy one sees it: kubelet and containerd active, control-1's kubectl answering with every node Ready but for the changes.</summary>
    public static RefreshReport JoinedReport(ClusterState state, params (string Node, Func<NodeObservation, NodeObservation> Change)[] changes) =>
        Report(state, state.Nodes.Where(n => n.Joined).Select(n => (n.Name, KubernetesUnits("active")))
            .Append(("control-1", KubernetesAnswer(state.Nodes.Where(n => n.Joined).Select(n => (n.Name, "True", (string?)"KubeletReady")).ToArray())))
            .Concat(changes).ToArray());

    public static Func<NodeObservation, NodeObservation> KubernetesUnits(string active) =>
        observed => ManagedOnHosts.KubernetesUnits.Aggregate(observed, (o, unit) => ServiceState(unit, active)(o));

    public static Func<NodeObservation, NodeObservation> KubernetesAnswer(params (string Node, string Status, string? Reason)[] nodes) =>
        observed => observed with
        {
            KubernetesApi = new KubernetesApiObservation(true, null, nodes.ToDictionary(n => n.Node, n => new NodeReadiness(n.Status, n.Reason))),
        };

    public static Func<NodeObservation, NodeObservation> KubernetesError(string message) =>
        observed => observed with { KubernetesApi = new KubernetesApiObservation(false, message, new Dictionary<string, NodeReadiness>()) };

    public static string KeyOf(ClusterState state, string node) => state.Nodes.Single(n => n.Name == node).WireGuardPublicKey!;

    private static IReadOnlyDictionary<string, T> With<T>(IReadOnlyDictionary<string, T> values, string key, T value)
    {
        var copy = values.ToDictionary(p => p.Key, p => p.Value);
        copy[key] = value;
        return copy;
    }
}
