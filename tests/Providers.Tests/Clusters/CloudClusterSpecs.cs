using MultiCloud.Engine.Model;

namespace MultiCloud.Providers.Tests.Clusters;

/// <summary>
/// Clusters on the doubles: a Hetzner control pool and Hetzner load-balancer pool in fsn1 (with an API-server role
/// and a Cloudflare name), optionally an extra Hetzner pool in nbg1 and static machines.
/// </summary>
public sealed record CloudClusterSpecs
{
    public required string Name { get; init; }
    public required ProviderSpec Hetzner { get; init; }
    public required ProviderSpec Cloudflare { get; init; }
    public int Control { get; init; } = 1;
    public int LoadBalancers { get; init; } = 2;
    public int Extra { get; init; }
    public string ExtraServerType { get; init; } = "cx22";
    public IReadOnlyList<StaticNodeSpec> StaticCompute { get; init; } = Array.Empty<StaticNodeSpec>();

    public static CloudClusterSpecs On(DoublesEnvironment doubles, string name) =>
        new() { Name = name, Hetzner = doubles.HetznerProvider(), Cloudflare = doubles.CloudflareProvider() };

    public ClusterSpec ToSpec()
    {
        var pools = new List<NodePoolSpec>
        {
            Pool("control", "fsn1", "cx22", Control),
            Pool("lb", "fsn1", "cx22", LoadBalancers),
        };
        if (Extra > 0) pools.Add(Pool("extra", "nbg1", ExtraServerType, Extra));
        if (StaticCompute.Count > 0) pools.Add(new StaticNodePoolSpec { Name = "compute", Nodes = StaticCompute });
        var compute = new List<string>();
        if (Extra > 0) compute.Add("extra");
        if (StaticCompute.Count > 0) compute.Add("compute");
        return new ClusterSpec
        {
            Name = Name,
            Providers = new[] { Hetzner, Cloudflare },
            NodePools = pools,
            Kubernetes = new KubernetesSpec { Version = "v1.31.4", Network = "10.250.0.0/24", ControlPools = new[] { "control" }, ComputePools = compute },
            LoadBalancers = new[]
            {
                new LoadBalancerSpec
                {
                    Name = "api",
                    Pools = new[] { "lb" },
                    Roles = new[] { new RoleSpec { Name = "api-server", Port = 6443, TargetPort = 6443, TargetPools = new[] { "control" } } },
                    Dns = new DnsSpec { Zone = DoublesEnvironment.Zone, Provider = Cloudflare.Name, Hostname = "k8s" },
                },
            },
        };
    }

    private DynamicNodePoolSpec Pool(string name, string region, string serverType, int count) => new()
    {
        Name = name,
        Provider = Hetzner.Name,
        Region = region,
        ServerType = serverType,
        Image = "ubuntu-24.04",
        Count = count,
    };
}
