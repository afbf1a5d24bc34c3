using System.Diagnostics;
using MultiCloud.Bench.Mesh;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Planning;

// Applies a static cluster to lab hosts from nothing, again unchanged, then with one host added, then measures the
// SSH transport alone on every host, and prints the wall time and SSH round trips of each.
// Usage: MeshBench <path of tests/lab/lab.sh> <lab id>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MeshBench <tests/lab/lab.sh> <lab id>   (bench/run.sh brings the lab up and down)");
    return 2;
}

var lab = new LabHosts(args[0], args[1]);
var (keyPath, hosts) = lab.Show();
var stateDirectory = Path.Combine(Path.GetTempPath(), "mc-meshbench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
try
{
    var client = new MultiCloudClient(new MultiCloudClientOptions { StateDirectory = stateDirectory });
    var options = new ApplyOptions { Plan = new PlanOptions { Until = ClusterLayer.LoadBalancers } };
    var cluster = BenchCluster.From("meshbench", keyPath, hosts);
    var results = new List<PhaseResult>
    {
        await ApplyAsync(client, options, cluster, "from nothing", null),
        await ApplyAsync(client, options, cluster, "unchanged re-apply", null),
    };
    var added = lab.Add();
    results.Add(await ApplyAsync(client, options, cluster.WithCompute(added), "one host added", added));

    // Last, on settled hosts: right after boot their units still compete for the CPU.
    var transport = await TransportPhase.RunAsync(keyPath, hosts.Append(added).ToList(), Path.Combine(stateDirectory, "transport"));

    Console.WriteLine(PhaseResult.TableHeader);
    foreach (var result in results) Console.WriteLine(result.TableRow());
    Console.WriteLine();
    Console.WriteLine(TransportPhase.Header);
    Console.WriteLine(transport);
    foreach (var result in results) Console.WriteLine("json: " + result.Json());
    return 0;
}
finally
{
    if (Directory.Exists(stateDirectory)) Directory.Delete(stateDirectory, recursive: true);
}

static async Task<PhaseResult> ApplyAsync(MultiCloudClient client, ApplyOptions options, BenchCluster cluster, string phase, LabHost? added)
{
    var tasks = new TaskTimes();
    var clock = Stopwatch.StartNew();
    var result = await client.ApplyAsync(cluster.ToSpec(), options, tasks, CancellationToken.None);
    clock.Stop();
    var newNode = added is null ? null : result.State?.Nodes.Single(node => node.PublicAddress == added.Address).Name;
    var row = new PhaseResult(cluster.HostCount, phase, clock.Elapsed, result.Plan.Tasks.Count, result.RoundTrips, newNode, tasks.ToString());
    Console.Error.WriteLine($"{cluster.HostCount} hosts, {phase}: {clock.Elapsed.TotalSeconds:0.0} s, {row.TotalRoundTrips} round trips ({row.PerNode()})");
    return row;
}
