using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiCloud.Engine.Refresh
{
    /// <summary>
    /// What one refresh saw on a cluster's hosts: one observation per node of the state, in name order. It is an
    /// input of the planner next to the state (what MultiCloud recorded), never written into the state.
    /// </summary>
    public sealed record RefreshReport
    {
        public required string ClusterName { get; init; }

        /// <summary>
        /// The serial of the state the refresh was made against. An apply that is given this report (the refresh
        /// of the plan the user confirmed) plans with it only while the state is still at this serial.
        /// </summary>
        public long StateSerial { get; init; }

        /// <summary>When the refresh started, by the engine's clock.</summary>
        public DateTimeOffset StartedAt { get; init; }

        public IReadOnlyList<NodeObservation> Nodes { get; init; } = new NodeObservation[0];

        /// <summary>The observation of a node, or null when the refresh did not look at it (it was not in the state).</summary>
        public NodeObservation? Of(string nodeName) => Nodes.FirstOrDefault(node => node.Node == nodeName);

        /// <summary>A report that looked at no host: a cluster without state, or without nodes yet.</summary>
        public static RefreshReport Empty(string clusterName, long stateSerial, DateTimeOffset startedAt) =>
            new RefreshReport { ClusterName = clusterName, StateSerial = stateSerial, StartedAt = startedAt };
    }

    /// <summary>How the refresh of one node went.</summary>
    public enum HostCheck
    {
        /// <summary>The node answered and the refresh script reported everything.</summary>
        Checked,

        /// <summary>SSH could not reach the node, log in, or trust it (the error says which).</summary>
        Unreachable,

        /// <summary>The node was not tried: MultiCloud never contacted it (no pinned host key) or has no address or key for it.</summary>
        NotContacted,

        /// <summary>The node answered, but the refresh script failed or its output could not be read.</summary>
        Unreadable,
    }

    /// <summary>What the refresh saw on one node. Everything but <see cref="Check"/>, <see cref="Node"/> and <see cref="SeenAt"/> is empty unless the node was checked.</summary>
    public sealed record NodeObservation
    {
        public required string Node { get; init; }
        public required HostCheck Check { get; init; }

        /// <summary>When the answer arrived (or the attempt ended), by the engine's clock.</summary>
        public DateTimeOffset SeenAt { get; init; }

        /// <summary>For a node not checked: the engine error id of the failure (SshConnectionFailed, …), when there was one.</summary>
        public string? ErrorId { get; init; }

        /// <summary>For a node not checked: why, in words that name the node.</summary>
        public string? Problem { get; init; }

        /// <summary>The node's clock when the script ran; handshake ages are measured against it, so clock skew does not count.</summary>
        public DateTimeOffset? HostTime { get; init; }

        /// <summary>"ID VERSION_ID" from /etc/os-release ("debian 12").</summary>
        public string? OperatingSystem { get; init; }

        /// <summary>The host's SSH public keys ("ssh-ed25519 AAAA…"), from /etc/ssh.</summary>
        public IReadOnlyList<string> HostKeys { get; init; } = new string[0];

        /// <summary>SHA-256 (hex) of each file asked about, by path; null when the file is absent.</summary>
        public IReadOnlyDictionary<string, string?> Files { get; init; } = new Dictionary<string, string?>();

        /// <summary>Each unit asked about, by name.</summary>
        public IReadOnlyDictionary<string, ServiceObservation> Services { get; init; } = new Dictionary<string, ServiceObservation>();

        /// <summary>The live WireGuard interface; null when the node has none.</summary>
        public WireGuardObservation? WireGuard { get; init; }

        /// <summary>Ports something listens on ("tcp/6443", "udp/51820").</summary>
        public IReadOnlyList<string> Listening { get; init; } = new string[0];

        /// <summary>The Kubernetes API as this node's admin kubeconfig reached it; null when the refresh did not ask (not a joined control node).</summary>
        public KubernetesApiObservation? KubernetesApi { get; init; }

        public bool IsChecked => Check == HostCheck.Checked;
    }

    /// <summary>A systemd unit as systemctl is-active and is-enabled report it.</summary>
    public sealed record ServiceObservation(string Unit, string ActiveState, string EnabledState)
    {
        public bool IsActive => ActiveState == "active";
        public bool IsEnabled => EnabledState == "enabled";
    }

    /// <summary>The live wg0 interface: its public key and listen port, and every peer it has now (wg show wg0 dump).</summary>
    public sealed record WireGuardObservation(string PublicKey, int ListenPort, IReadOnlyList<PeerObservation> Peers);

    /// <summary>
    /// What a control node's kubectl said: whether the API answered (<see cref="Answered"/>), why not (<see cref="Problem"/>),
    /// and every Node object's Ready condition by node name.
    /// </summary>
    public sealed record KubernetesApiObservation(bool Answered, string? Problem, IReadOnlyDictionary<string, NodeReadiness> Nodes);

    /// <summary>A Node's Ready condition: "True", "False" or "Unknown", and its reason ("KubeletNotReady", "NodeStatusUnknown"), null for none.</summary>
    public sealed record NodeReadiness(string Status, string? Reason)
    {
        public bool IsReady => Status == "True";
    }

    /// <summary>One live peer. <see cref="LatestHandshake"/> is null when the peer never completed a handshake.</summary>
    public sealed record PeerObservation(string PublicKey, string? Endpoint, string AllowedIps, DateTimeOffset? LatestHandshake);
}
