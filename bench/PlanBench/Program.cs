using System.Diagnostics;
using System.Globalization;
using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

// Plans a cluster of N nodes from nothing, then again against the state that plan would leave (nothing to do),
// and reads and validates its manifest. Prints one markdown row per size: the best of seven runs (wall time) and
// the bytes allocated, so a cost that grows faster than the node count shows at once.
// Usage: dotnet run -c Release --project bench/PlanBench [N ...]     (default 1000 10000 20000)
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : new[] { 1000, 10000, ManifestLimits.MaxNodesPerCluster };
Console.WriteLine("| nodes | pools | read + validate manifest (ms) | plan from nothing (ms) | allocated (MB) | plan again, unchanged (ms) | allocated (MB) | tasks / steps |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var (nodes, machines) in sizes.SelectMany(n => new[] { (n, false), (n, true) }))
{
    var spec = Spec(nodes, machines);
    var manifest = ManifestWriter.ToYaml(new[] { spec });
    var (readMs, _) = Best(() => ManifestReader.Parse(manifest, "bench.yaml").ThrowIfInvalid());
    var (newMs, newBytes) = Best(() => Planner.Create(spec, null));
    var plan = Planner.Create(spec, null);
    var state = StateAfter(plan);
    var (againMs, againBytes) = Best(() => Planner.Create(spec, state));
    var again = Planner.Create(spec, state);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {nodes:N0} | {spec.NodePools.Count} {(machines ? "static" : "dynamic")} | {readMs:F0} | {newMs:F0} | {newBytes / 1e6:F0} | {againMs:F0} | {againBytes / 1e6:F0} | {plan.Tasks.Count} / {plan.Tasks.Sum(t => t.Steps.Count)}, again {again.Tasks.Count} |"));
}

static (double Milliseconds, long Bytes) Best(Func<object> action)
{
    action();
    var best = double.MaxValue;
    long bytes = 0;
    for (var run = 0; run < 7; run++)
    {
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
    }
    return (best, bytes);
}

// Three control nodes, the rest in compute pools of at most the per-pool limit (VMs, or own machines each with its
// endpoint, which makes the manifest itself large), one small load-balancer pool.
static ClusterSpec Spec(int nodes, bool machines)
{
    var pools = new List<NodePoolSpec> { Pool("control", 3), Pool("lb", 2) };
    var compute = new List<string>();
    for (var left = nodes - 5; left > 0; left -= ManifestLimits.MaxNodesPerPool)
    {
        var name = "compute-" + (compute.Count + 1).ToString(CultureInfo.InvariantCulture);
        var count = Math.Min(left, ManifestLimits.MaxNodesPerPool);
        pools.Add(machines ? Machines(name, compute.Count, count) : Pool(name, count));
        compute.Add(name);
    }
    return new ClusterSpec
    {
        Name = "bench",
        Providers = new[] { new ProviderSpec { Name = "azure-main", Type = ProviderType.Azure } },
        NodePools = pools,
        Kubernetes = new KubernetesSpec { Version = "v1.31.4", Network = "10.96.0.0/16", ControlPools = new[] { "control" }, ComputePools = compute },
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
}

static StaticNodePoolSpec Machines(string name, int index, int count) => new()
{
    Name = name,
    Nodes = Enumerable.Range(0, count)
        .Select(i => new StaticNodeSpec { Endpoint = string.Create(CultureInfo.InvariantCulture, $"10.{index + 1}.{i / 250}.{i % 250 + 1}"), User = "admin" })
        .ToList(),
};

static DynamicNodePoolSpec Pool(string name, int count) => new()
{
    Name = name, Provider = "azure-main", Region = "westeurope", ServerType = "Standard_B2s", Image = "ubuntu-24.04", Count = count,
};

// What a finished run of the plan leaves: every node registered, prepared, keyed and joined, every layer recorded.
static ClusterState StateAfter(Plan plan)
{
    var key = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
    var applied = new Dictionary<string, string>();
    foreach (var record in plan.Tasks.SelectMany(t => t.RecordsApplied)) applied[record.Key] = record.Value;
    return new ClusterState
    {
        Name = plan.ClusterName,
        AppliedSpec = plan.Desired,
        Nodes = plan.Nodes.Select(n => new NodeState
        {
            Name = n.Name, Pool = n.Pool, Role = n.Role, MeshAddress = n.MeshAddress, PublicAddress = n.Endpoint ?? "203.0.113.9",
            SshUser = n.User, SshPort = n.Port,
            WireGuardPublicKey = key, Prepared = true, Joined = true,
        }).ToList(),
        Applied = applied,
    };
}
