using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Tests.Planning
{
    /// <summary>Specs the planner tests start from, built in code, plus small edits that keep the tests short.</summary>
    internal static class ClusterSpecs
    {
        /// <summary>Own machines only: one control node, two workers, one load-balancer node in front of the API server.</summary>
        public static ClusterSpec Static() => new ClusterSpec
        {
            Name = "onprem",
            NodePools = new NodePoolSpec[]
            {
                StaticPool("control", "192.168.10.11"),
                StaticPool("workers", "192.168.10.21", "192.168.10.22"),
                StaticPool("lb", "192.168.10.5"),
            },
            Kubernetes = new KubernetesSpec
            {
                Version = "v1.31.2",
                Network = "10.20.0.0/24",
                ControlPools = new[] { "control" },
                ComputePools = new[] { "workers" },
            },
            LoadBalancers = new[] { ApiLoadBalancer("api", "lb", dns: null) },
        };

        /// <summary>Hetzner control plane, Azure and own-machine workers, a Hetzner load-balancer node with a Cloudflare DNS name.</summary>
        public static ClusterSpec Hybrid() => new ClusterSpec
        {
            Name = "hybrid",
            Providers = new[]
            {
                new ProviderSpec
                {
                    Name = "hetzner-1",
                    Type = ProviderType.Hetzner,
                    Credentials = new Dictionary<string, CredentialRef> { ["token"] = new CredentialRef(CredentialSource.Env, "HCLOUD_TOKEN") },
                },
                new ProviderSpec { Name = "azure-1", Type = ProviderType.Azure, Settings = new Dictionary<string, string> { ["subscriptionId"] = "sub-1" } },
                new ProviderSpec
                {
                    Name = "cloudflare-1",
                    Type = ProviderType.Cloudflare,
                    Credentials = new Dictionary<string, CredentialRef> { ["apiToken"] = new CredentialRef(CredentialSource.Env, "CF_API_TOKEN") },
                },
            },
            NodePools = new NodePoolSpec[]
            {
                DynamicPool("control", "hetzner-1", "fsn1", null, "cx22", 3),
                DynamicPool("compute-az", "azure-1", "westeurope", "1", "Standard_B2s", 2) with
                {
                    Taints = new[] { new TaintSpec("burst", "true", TaintEffect.PreferNoSchedule) },
                },
                StaticPool("onprem", "192.168.10.21", "192.168.10.22") with
                {
                    Labels = new Dictionary<string, string> { ["site"] = "basement" },
                },
                DynamicPool("lb", "hetzner-1", "fsn1", null, "cx22", 1),
            },
            Kubernetes = new KubernetesSpec
            {
                Version = "v1.31.2",
                Network = "10.40.0.0/16",
                ControlPools = new[] { "control" },
                ComputePools = new[] { "compute-az", "onprem" },
            },
            LoadBalancers = new[]
            {
                ApiLoadBalancer("api", "lb", new DnsSpec { Zone = "example.com", Provider = "cloudflare-1", Hostname = "api" }),
            },
        };

        public static StaticNodePoolSpec StaticPool(string name, params string[] endpoints) => new StaticNodePoolSpec
        {
            Name = name,
            Nodes = endpoints.Select(e => new StaticNodeSpec { Endpoint = e }).ToList(),
        };

        public static DynamicNodePoolSpec DynamicPool(string name, string provider, string region, string? zone, string serverType, int count) => new DynamicNodePoolSpec
        {
            Name = name,
            Provider = provider,
            Region = region,
            Zone = zone,
            ServerType = serverType,
            Image = "ubuntu-24.04",
            Count = count,
        };

        public static LoadBalancerSpec ApiLoadBalancer(string name, string pool, DnsSpec? dns) => new LoadBalancerSpec
        {
            Name = name,
            Pools = new[] { pool },
            Roles = new[] { new RoleSpec { Name = "api", Port = 6443, TargetPort = 6443, TargetPools = new[] { "control" } } },
            Dns = dns,
        };

        /// <summary>The spec with one pool replaced.</summary>
        public static ClusterSpec WithPool(this ClusterSpec spec, NodePoolSpec pool) =>
            spec with { NodePools = spec.NodePools.Select(p => p.Name == pool.Name ? pool : p).ToList() };

        public static T Pool<T>(this ClusterSpec spec, string name) where T : NodePoolSpec => (T)spec.NodePools.Single(p => p.Name == name);

        public static ClusterSpec WithCount(this ClusterSpec spec, string pool, int count) =>
            spec.WithPool(spec.Pool<DynamicNodePoolSpec>(pool) with { Count = count });

        public static ClusterSpec WithVersion(this ClusterSpec spec, string version) =>
            spec with { Kubernetes = spec.Kubernetes with { Version = version } };

        public static ClusterSpec WithPodNetwork(this ClusterSpec spec, string podNetwork) =>
            spec with { Kubernetes = spec.Kubernetes with { PodNetwork = podNetwork } };

        /// <summary>The spec with a pool (and its mention in the Kubernetes pool lists) removed.</summary>
        public static ClusterSpec WithoutPool(this ClusterSpec spec, string pool) => spec with
        {
            NodePools = spec.NodePools.Where(p => p.Name != pool).ToList(),
            Kubernetes = spec.Kubernetes with
            {
                ControlPools = spec.Kubernetes.ControlPools.Where(p => p != pool).ToList(),
                ComputePools = spec.Kubernetes.ComputePools.Where(p => p != pool).ToList(),
            },
        };

        /// <summary>The spec with an extra compute pool.</summary>
        public static ClusterSpec WithComputePool(this ClusterSpec spec, NodePoolSpec pool) => spec with
        {
            NodePools = spec.NodePools.Concat(new[] { pool }).ToList(),
            Kubernetes = spec.Kubernetes with { ComputePools = spec.Kubernetes.ComputePools.Concat(new[] { pool.Name }).ToList() },
        };
    }
}
