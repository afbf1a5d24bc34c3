using MultiCloud.Engine.Model;
using MultiCloud.Lab.Tests.Infrastructure;

namespace MultiCloud.Lab.Tests.Clusters;

/// <summary>
/// Which lab hosts are in which static pool of a test cluster, and the few settings the scenarios change. The
/// cluster always has load balancer "api" forwarding 6443 to port 6443 of the control pool, as the API server
/// role will once Kubernetes arrives.
/// </summary>
public sealed record LabTopology
{
    public const string LoadBalancerPool = "lb";
    public const string ControlPool = "control";
    public const string ComputePool = "compute";
    public const string LoadBalancerName = "api";
    public const string RoleName = "api-server";
    public const int ApiPort = 6443;
    public const string MeshNetwork = "10.250.0.0/24";

    public required string ClusterName { get; init; }

    /// <summary>The private key every machine is reached with (the lab's root key unless a test says otherwise).</summary>
    public required string PrivateKeyPath { get; init; }

    public string User { get; init; } = "root";
    public IReadOnlyList<LabHost> LoadBalancers { get; init; } = Array.Empty<LabHost>();
    public IReadOnlyList<LabHost> Control { get; init; } = Array.Empty<LabHost>();
    public IReadOnlyList<LabHost> Compute { get; init; } = Array.Empty<LabHost>();
    public int Mtu { get; init; } = KubernetesSpec.DefaultMtu;

    /// <summary>Extra roles on the load balancer beside the API server one.</summary>
    public IReadOnlyList<RoleSpec> ExtraRoles { get; init; } = Array.Empty<RoleSpec>();

    public IReadOnlyList<LabHost> AllHosts => LoadBalancers.Concat(Control).Concat(Compute).ToList();

    public ClusterSpec ToSpec()
    {
        var pools = new List<NodePoolSpec>();
        AddPool(pools, LoadBalancerPool, LoadBalancers);
        AddPool(pools, ControlPool, Control);
        AddPool(pools, ComputePool, Compute);
        var loadBalancers = LoadBalancers.Count == 0 ? Array.Empty<LoadBalancerSpec>() : new[]
        {
            new LoadBalancerSpec
            {
                Name = LoadBalancerName,
                Pools = new[] { LoadBalancerPool },
                Roles = new[]
                {
                    new RoleSpec { Name = RoleName, Port = ApiPort, TargetPort = ApiPort, TargetPools = new[] { ControlPool } },
                }.Concat(ExtraRoles).ToList(),
            },
        };
        return new ClusterSpec
        {
            Name = ClusterName,
            NodePools = pools,
            Kubernetes = new KubernetesSpec
            {
                Version = "v1.31.4",
                Network = MeshNetwork,
                Mtu = Mtu,
                ControlPools = Control.Count == 0 ? Array.Empty<string>() : new[] { ControlPool },
                ComputePools = Compute.Count == 0 ? Array.Empty<string>() : new[] { ComputePool },
            },
            LoadBalancers = loadBalancers,
        };
    }

    private void AddPool(List<NodePoolSpec> pools, string name, IReadOnlyList<LabHost> hosts)
    {
        if (hosts.Count == 0) return;
        pools.Add(new StaticNodePoolSpec
        {
            Name = name,
            Nodes = hosts.Select(host => new StaticNodeSpec
            {
                Endpoint = host.Address,
                User = User,
                PrivateKey = new CredentialRef(CredentialSource.File, PrivateKeyPath),
            }).ToList(),
        });
    }
}
