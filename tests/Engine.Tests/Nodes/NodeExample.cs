using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Tests.Nodes;

/// <summary>
/// The example cluster of the node-layer tests, built in code: static pools with one load-balancer node, two
/// control nodes and two compute nodes on the mesh 10.100.0.0/16, an API-server role and a UDP role.
/// </summary>
public static class NodeExample
{
    public static readonly string[] Names = { "lb-1", "control-1", "control-2", "compute-1", "compute-2" };

    public static ClusterSpec Spec { get; } = new()
    {
        Name = "example",
        NodePools = new NodePoolSpec[]
        {
            StaticPool("lb", ("lb-1", "203.0.113.10")),
            StaticPool("control", ("control-1", "203.0.113.11"), ("control-2", "203.0.113.12")),
            StaticPool("compute", ("compute-1", "203.0.113.21"), ("compute-2", "2001:db8::21")),
        },
        Kubernetes = new KubernetesSpec
        {
            Version = "v1.31.2",
            Network = "10.100.0.0/16",
            Mtu = 1380,
            // The default 10.96.0.0/12 would hold the mesh network.
            ServiceNetwork = "10.96.0.0/16",
            ControlPools = new[] { "control" },
            ComputePools = new[] { "compute" },
        },
        LoadBalancers = new[]
        {
            new LoadBalancerSpec
            {
                Name = "api",
                Pools = new[] { "lb" },
                Roles = new[]
                {
                    new RoleSpec { Name = "kube-apiserver", Port = 6443, TargetPort = 6443, TargetPools = new[] { "control" } },
                    new RoleSpec { Name = "dns", Protocol = LoadBalancerProtocol.Udp, Port = 53, TargetPort = 30053, TargetPools = new[] { "compute" } },
                    new RoleSpec { Name = "ingress", Port = 443, TargetPort = 30443, TargetPools = new[] { "compute" }, ProxyProtocol = true },
                },
            },
        },
    };

    public static IReadOnlyList<PlannedNode> PlannedNodes { get; } = Names.Select((name, i) => new PlannedNode
    {
        Name = name,
        Pool = PoolOf(name),
        Role = RoleOf(name),
        MeshAddress = "10.100.0." + (i + 1),
        PodCidr = PodCidrOf(name),
        Endpoint = Address(name),
    }).ToList();

    /// <summary>Every node registered, prepared and with a mesh key and a pinned host key.</summary>
    public static IReadOnlyList<NodeState> ReadyNodes { get; } = Names.Select((name, i) => new NodeState
    {
        Name = name,
        Pool = PoolOf(name),
        Role = RoleOf(name),
        MeshAddress = "10.100.0." + (i + 1),
        PodCidr = PodCidrOf(name),
        PublicAddress = Address(name),
        WireGuardPublicKey = WireGuardKey(i + 1),
        SshHostKey = HostKey(i + 1).PublicKey,
        SshHostKeyFingerprint = HostKey(i + 1).Fingerprint,
        Prepared = true,
        OperatingSystem = "debian 12",
    }).ToList();

    public static StepContext Context(StepKind kind, IReadOnlyList<string> targets, IRemoteShell shell, IReadOnlyList<NodeState>? nodes = null,
        string? clusterDirectory = null, ICredentialResolver? credentials = null, Plan? plan = null)
    {
        var step = new PlanStep { Name = "step", Kind = kind, Description = kind.ToString(), Targets = targets };
        return new StepContext
        {
            Plan = plan ?? Plan(),
            Task = new PlanTask { Id = "task", Kind = TaskKind.ConfigureMesh, Description = "task", Steps = new[] { step } },
            Step = step,
            State = new ClusterState { Name = "example", Nodes = nodes ?? ReadyNodes, AppliedSpec = Spec },
            Services = new RunServices
            {
                Log = NullEngineLog.Instance,
                ClusterDirectory = clusterDirectory ?? "/nonexistent/cluster",
                RunLogPath = "/nonexistent/run.log",
                Credentials = credentials ?? new DefaultCredentialResolver(),
                Remote = shell,
                ClusterKeyPath = "/cluster/ssh/id_ed25519",
            },
        };
    }

    public static Plan Plan(IReadOnlyList<PlannedNode>? nodes = null) => new()
    {
        ClusterName = "example",
        Id = "plan-1",
        Desired = Spec,
        Nodes = nodes ?? PlannedNodes,
    };

    /// <summary>A well-formed WireGuard public key, distinct per number.</summary>
    public static string WireGuardKey(int number) => Convert.ToBase64String(Enumerable.Repeat((byte)number, 32).ToArray());

    /// <summary>A well-formed ed25519 host key, distinct per number.</summary>
    public static HostKey HostKey(int number)
    {
        var blob = new byte[51];
        new byte[] { 0, 0, 0, 11 }.CopyTo(blob, 0);
        System.Text.Encoding.ASCII.GetBytes("ssh-ed25519").CopyTo(blob, 4);
        new byte[] { 0, 0, 0, 32 }.CopyTo(blob, 15);
        for (var i = 19; i < 51; i++) blob[i] = (byte)number;
        var key = "ssh-ed25519 " + Convert.ToBase64String(blob);
        return new HostKey(key, HostKeyText.Fingerprint(key));
    }

    /// <summary>The Kubernetes nodes' pod networks in name order (control-1 first); none for the load balancer.</summary>
    public static string? PodCidrOf(string name) =>
        RoleOf(name) == NodeRole.LoadBalancer ? null : "10.244." + (Array.IndexOf(Names, name) - 1) + ".0/24";

    public static string PoolOf(string name) => name.Substring(0, name.IndexOf('-'));

    public static NodeRole RoleOf(string name) => PoolOf(name) switch
    {
        "lb" => NodeRole.LoadBalancer,
        "control" => NodeRole.Control,
        _ => NodeRole.Compute,
    };

    public static string Address(string name) =>
        Spec.NodePools.OfType<StaticNodePoolSpec>().SelectMany(p => p.Nodes).Single(n => n.Name == name).Endpoint;

    private static StaticNodePoolSpec StaticPool(string name, params (string Name, string Endpoint)[] machines) => new()
    {
        Name = name,
        Nodes = machines.Select(m => new StaticNodeSpec { Name = m.Name, Endpoint = m.Endpoint }).ToList(),
    };
}
