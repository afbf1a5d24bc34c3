using MultiCloud.Engine.Model;

namespace MultiCloud.Bench.Mesh;

/// <summary>
/// The benchmark's static cluster: the first host runs load balancer "api" (6443 to the control pool), the others
/// are split into control (half, rounded down, at least one) and compute; hosts added later join compute.
/// </summary>
internal sealed record BenchCluster(string Name, string KeyPath, LabHost LoadBalancer, IReadOnlyList<LabHost> Control, IReadOnlyList<LabHost> Compute)
{
    /// <summary>The Kubernetes version and package sources; the node-layer runs stop before Kubernetes and keep the defaults.</summary>
    public (KubernetesSources Sources, string Version)? Kubernetes { get; init; }

    public static BenchCluster From(string name, string keyPath, IReadOnlyList<LabHost> hosts)
    {
        if (hosts.Count < 3) throw new ArgumentException("the benchmark needs at least 3 hosts: a load balancer, a control and a compute node");
        var rest = hosts.Skip(1).ToList();
        var control = Math.Max(1, rest.Count / 2);
        return new BenchCluster(name, keyPath, hosts[0], rest.Take(control).ToList(), rest.Skip(control).ToList());
    }

    public BenchCluster WithCompute(LabHost added) => this with { Compute = Compute.Append(added).ToList() };

    public int HostCount => 1 + Control.Count + Compute.Count;

    public ClusterSpec ToSpec() => new()
    {
        Name = Name,
        NodePools = new NodePoolSpec[] { Pool("lb", new[] { LoadBalancer }), Pool("control", Control), Pool("compute", Compute) },
        Kubernetes = new KubernetesSpec
        {
            Version = Kubernetes?.Version ?? "v1.31.4",
            Sources = Kubernetes?.Sources ?? new KubernetesSources(),
            Network = "10.250.0.0/24",
            ControlPools = new[] { "control" },
            ComputePools = new[] { "compute" },
        },
        LoadBalancers = new[]
        {
            new LoadBalancerSpec
            {
                Name = "api",
                Pools = new[] { "lb" },
                Roles = new[] { new RoleSpec { Name = "api-server", Port = 6443, TargetPort = 6443, TargetPools = new[] { "control" } } },
            },
        },
    };

    private StaticNodePoolSpec Pool(string name, IEnumerable<LabHost> hosts) => new()
    {
        Name = name,
        Nodes = hosts.Select(host => new StaticNodeSpec
        {
            Endpoint = host.Address,
            PrivateKey = new CredentialRef(CredentialSource.File, KeyPath),
        }).ToList(),
    };
}
