using System.Collections.Generic;

namespace MultiCloud.Engine.Model
{
    /// <summary>What the user wants one cluster to be. Immutable; produced by the manifest readers.</summary>
    public sealed record ClusterSpec
    {
        public required string Name { get; init; }
        public IReadOnlyList<ProviderSpec> Providers { get; init; } = new ProviderSpec[0];
        public IReadOnlyList<NodePoolSpec> NodePools { get; init; } = new NodePoolSpec[0];
        public required KubernetesSpec Kubernetes { get; init; }
        public IReadOnlyList<LoadBalancerSpec> LoadBalancers { get; init; } = new LoadBalancerSpec[0];
    }

    /// <summary>The Kubernetes part of a cluster and the mesh network its nodes share.</summary>
    public sealed record KubernetesSpec
    {
        /// <summary>Kubernetes version, "v1.31.2" form.</summary>
        public required string Version { get; init; }

        /// <summary>The WireGuard mesh network (CIDR) every node of the cluster, load balancers included, gets an address from.</summary>
        public required string Network { get; init; }

        /// <summary>MTU of the WireGuard interface; too large a value breaks workloads behind some networks.</summary>
        public int Mtu { get; init; } = DefaultMtu;

        public IReadOnlyList<string> ControlPools { get; init; } = new string[0];
        public IReadOnlyList<string> ComputePools { get; init; } = new string[0];

        public const int DefaultMtu = 1380;
    }
}
