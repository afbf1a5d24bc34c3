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
        public StorageSpec Storage { get; init; } = new StorageSpec();
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

        /// <summary>The network (CIDR) pods get addresses from: a /24 per Kubernetes node, carried over the mesh.</summary>
        public string PodNetwork { get; init; } = DefaultPodNetwork;

        /// <summary>The network (CIDR) of Kubernetes services (cluster IPs).</summary>
        public string ServiceNetwork { get; init; } = DefaultServiceNetwork;

        /// <summary>etcd version ("v3.5.16" form) for the control nodes; null means the engine's pin for the Kubernetes minor.</summary>
        public string? EtcdVersion { get; init; }

        /// <summary>How long a leaving node's pods may take to be evicted (PodDisruptionBudgets respected) before removal stops.</summary>
        public int DrainTimeoutSeconds { get; init; } = DefaultDrainTimeoutSeconds;

        /// <summary>Where nodes fetch Kubernetes packages, etcd and Longhorn; each null part is the public default.</summary>
        public KubernetesSources Sources { get; init; } = new KubernetesSources();

        public const int DefaultMtu = 1380;
        public const string DefaultPodNetwork = "10.244.0.0/16";
        public const string DefaultServiceNetwork = "10.96.0.0/12";
        public const int DefaultDrainTimeoutSeconds = 300;
    }

    /// <summary>
    /// Package and artifact sources for air-gapped sites; every null part means the public default (see
    /// docs/kubernetes.md). Nodes fetch from them themselves.
    /// </summary>
    public sealed record KubernetesSources
    {
        /// <summary>An apt repository in pkgs.k8s.io's flat layout ("deb URL /") for kubeadm, kubelet and kubectl.</summary>
        public string? Packages { get; init; }

        /// <summary>The ASCII-armoured key the packages repository is signed with.</summary>
        public string? PackagesKey { get; init; }

        /// <summary>Base URL of etcd release archives: &lt;base&gt;/v&lt;ver&gt;/etcd-v&lt;ver&gt;-linux-&lt;arch&gt;.tar.gz.</summary>
        public string? Downloads { get; init; }

        /// <summary>Base URL of Longhorn's manifests: &lt;base&gt;/v&lt;ver&gt;/deploy/longhorn.yaml.</summary>
        public string? Longhorn { get; init; }

        public bool IsDefault => Packages is null && PackagesKey is null && Downloads is null && Longhorn is null;
    }

    /// <summary>Cluster storage (Longhorn).</summary>
    public sealed record StorageSpec
    {
        /// <summary>Longhorn version ("v1.9.1" form); null means the engine's pin for the Kubernetes minor.</summary>
        public string? LonghornVersion { get; init; }
    }
}
