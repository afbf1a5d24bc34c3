using System.Collections.Generic;

namespace MultiCloud.Engine.Model
{
    /// <summary>A group of alike nodes. Either <see cref="DynamicNodePoolSpec"/> (VMs we create) or <see cref="StaticNodePoolSpec"/> (machines the user owns).</summary>
    public abstract record NodePoolSpec
    {
        public required string Name { get; init; }
        public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
        public IReadOnlyList<TaintSpec> Taints { get; init; } = new TaintSpec[0];
        public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    }

    public sealed record DynamicNodePoolSpec : NodePoolSpec
    {
        /// <summary>Name of a <see cref="ProviderSpec"/> of the same cluster.</summary>
        public required string Provider { get; init; }
        public required string Region { get; init; }
        public string? Zone { get; init; }
        public required string ServerType { get; init; }
        public required string Image { get; init; }

        /// <summary>Fixed node count; exactly one of Count and Autoscaler is set.</summary>
        public int? Count { get; init; }
        public AutoscalerSpec? Autoscaler { get; init; }
        public int? DiskSizeGb { get; init; }

        /// <summary>The number of nodes the pool has now: Count, or the autoscaler's minimum.</summary>
        public int DesiredCount => Count ?? Autoscaler?.Min ?? 0;

        /// <summary>The most nodes the pool can ever have (for address-space checks).</summary>
        public int MaximumCount => Count ?? Autoscaler?.Max ?? 0;
    }

    public sealed record AutoscalerSpec(int Min, int Max);

    public sealed record StaticNodePoolSpec : NodePoolSpec
    {
        public IReadOnlyList<StaticNodeSpec> Nodes { get; init; } = new StaticNodeSpec[0];
    }

    /// <summary>A machine the user owns, reached over SSH.</summary>
    public sealed record StaticNodeSpec
    {
        /// <summary>Optional fixed node name; otherwise "&lt;pool&gt;-&lt;n&gt;" assigned once and kept.</summary>
        public string? Name { get; init; }

        /// <summary>IP address or host name the engine connects to.</summary>
        public required string Endpoint { get; init; }
        public string User { get; init; } = "root";
        public int Port { get; init; } = 22;

        /// <summary>Where the SSH private key is; null means the cluster's own generated key.</summary>
        public CredentialRef? PrivateKey { get; init; }

        /// <summary>Known host-key fingerprint (SHA256:…) given in advance; otherwise learned on first contact and pinned.</summary>
        public string? HostKeyFingerprint { get; init; }
    }

    public enum TaintEffect { NoSchedule, PreferNoSchedule, NoExecute }

    public sealed record TaintSpec(string Key, string? Value, TaintEffect Effect);
}
