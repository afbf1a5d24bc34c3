using System;
using System.Collections.Generic;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// What is known to exist for one cluster. Immutable: the executor replaces it as steps succeed, so the
    /// state on disk only ever moves forward to something that is true.
    /// </summary>
    public sealed record ClusterState
    {
        /// <summary>Format of the state document; bumped on incompatible change.</summary>
        public int FormatVersion { get; init; } = CurrentFormatVersion;

        /// <summary>Incremented on every save; a store refuses a save whose serial went backwards.</summary>
        public long Serial { get; init; }

        public required string Name { get; init; }

        /// <summary>
        /// The cluster's random id (<see cref="ClusterIds"/>): the tag on every cloud resource it makes, and the proof
        /// of ownership that lets a re-run find them and never touch another cluster's. Made and saved when the first
        /// run starts, before anything is created; a state written before ids existed gets one on its next run.
        /// </summary>
        public string? Id { get; init; }

        /// <summary>The spec of the last apply that finished; null until one has.</summary>
        public ClusterSpec? AppliedSpec { get; init; }

        public IReadOnlyList<NodeState> Nodes { get; init; } = new NodeState[0];

        /// <summary>
        /// Fingerprints of configuration that has been applied cluster-wide, by layer key ("mesh", "lb/NAME", …).
        /// The planner compares them with the fingerprint of what the spec asks for.
        /// </summary>
        public IReadOnlyDictionary<string, string> Applied { get; init; } = new Dictionary<string, string>();

        /// <summary>
        /// The highest layer the cluster is kept up to: the scope of its latest run. Re-runs that name no scope
        /// (Sync-MCCluster, `multicloud sync`) keep it, so a static cluster built up to its load balancers is not
        /// suddenly taken on to Kubernetes. Null means every layer.
        /// </summary>
        public Planning.ClusterLayer? Until { get; init; }

        /// <summary>The run in flight (or the one that stopped); null when the last run finished.</summary>
        public JournalState? Journal { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        public const int CurrentFormatVersion = 1;
    }

    /// <summary>One node as observed.</summary>
    public sealed record NodeState
    {
        public required string Name { get; init; }
        public required string Pool { get; init; }
        public required NodeRole Role { get; init; }

        /// <summary>Provider resource ids by kind ("vm", "nic", "disk", "publicIp" …); empty for static nodes.</summary>
        public IReadOnlyDictionary<string, string> ProviderResources { get; init; } = new Dictionary<string, string>();

        /// <summary>Address the engine reaches the node on (public IP, or the static endpoint).</summary>
        public string? PublicAddress { get; init; }
        public int SshPort { get; init; } = 22;
        public string SshUser { get; init; } = "root";

        /// <summary>Mesh address, allocated once from the cluster network and kept for the node's life.</summary>
        public required string MeshAddress { get; init; }

        public string? WireGuardPublicKey { get; init; }

        /// <summary>Pinned SSH host key fingerprint ("SHA256:…"); a different key on the next contact is a hard error.</summary>
        public string? SshHostKeyFingerprint { get; init; }

        /// <summary>The pinned host public key itself ("ssh-ed25519 AAAA…"); public, so safe to keep in state.</summary>
        public string? SshHostKey { get; init; }

        /// <summary>Operating system seen at preparation ("debian 12", "ubuntu 24.04").</summary>
        public string? OperatingSystem { get; init; }

        /// <summary>
        /// SHA-256 (hex) of each file MultiCloud wrote on the node, by path, as the node reported it right after the
        /// step that wrote it. A refresh compares the node's files with these to find what changed there since.
        /// </summary>
        public IReadOnlyDictionary<string, string> ManagedFiles { get; init; } = new Dictionary<string, string>();

        /// <summary>Node preparation (packages, sysctls) has completed.</summary>
        public bool Prepared { get; init; }

        /// <summary>The node is a member of the Kubernetes cluster.</summary>
        public bool Joined { get; init; }

        /// <summary>
        /// The node's pod network (a /24 of the cluster's pod network), allocated once by the planner for Kubernetes
        /// nodes and kept for the node's life; its mesh peers route it into the tunnel. Null for load-balancer nodes.
        /// </summary>
        public string? PodCidr { get; init; }

        /// <summary>Container runtime, CNI, Kubernetes packages and kernel settings are in place (the Kubernetes layer's preparation).</summary>
        public bool KubernetesPrepared { get; init; }

        /// <summary>The node runs a member of the cluster's etcd (control nodes).</summary>
        public bool EtcdMember { get; init; }

        /// <summary>The label, annotation and taint keys MultiCloud set on the Kubernetes node, so a key dropped from the spec is removed.</summary>
        public ManagedMetadata? ManagedMetadata { get; init; }
    }

    /// <summary>Keys (never values) of the node metadata MultiCloud manages; taints as "key:Effect".</summary>
    public sealed record ManagedMetadata
    {
        public IReadOnlyList<string> Labels { get; init; } = new string[0];
        public IReadOnlyList<string> Annotations { get; init; } = new string[0];
        public IReadOnlyList<string> Taints { get; init; } = new string[0];
    }
}
