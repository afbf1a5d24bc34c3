namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Keys of <see cref="State.ClusterState.Applied"/>: which layer configuration a fingerprint belongs to. Tasks
    /// record them through <see cref="PlanTask.RecordsApplied"/>; an empty value there removes the key.
    /// </summary>
    public static class AppliedKeys
    {
        /// <summary>The WireGuard mesh at its final peer set.</summary>
        public const string Mesh = "mesh";

        /// <summary>The Kubernetes version the cluster's nodes run.</summary>
        public const string KubernetesVersion = "kubernetes-version";

        /// <summary>What Kubernetes nodes are prepared with: version, package sources, MTU of the pod network.</summary>
        public const string KubernetesNodes = "kubernetes-nodes";

        /// <summary>Longhorn and its storage classes.</summary>
        public const string Storage = "storage";

        public const string LoadBalancerPrefix = "lb/";
        public const string DnsPrefix = "dns/";
        public const string MetadataPrefix = "metadata/";
        public const string NetworkPrefix = "network/";

        /// <summary>Value that removes a key when recorded.</summary>
        public const string Removed = "";

        /// <summary>The nginx configuration of a load balancer.</summary>
        public static string LoadBalancer(string name) => LoadBalancerPrefix + name;

        /// <summary>The DNS records of a load balancer.</summary>
        public static string Dns(string loadBalancer) => DnsPrefix + loadBalancer;

        /// <summary>The network and firewall rules of a provider instance in a region ("network/hetzner-lb/fsn1").</summary>
        public static string Network(CloudRegion region) => NetworkPrefix + region.Target;

        /// <summary>Labels, taints and annotations of a Kubernetes pool.</summary>
        public static string Metadata(string pool) => MetadataPrefix + pool;
    }
}
