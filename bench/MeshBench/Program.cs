using System.Diagnostics;
using MultiCloud.Bench.Mesh;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Planning;

// Applies a static cluster to lab hosts from nothing; re-applies it unchanged with the refresh (several times) and
// without; repairs one host whose wg-quick was stopped; runs the Ansible check of the same hosts when ansible-playbook
// is installed; adds one host; then measures the SSH transport alone on every host. Prints the wall time and SSH
// round trips of each.
// With --kubernetes instead of the playbook it applies every layer (Kubernetes from the lab's package repository,
// each apply ending with its nodes Ready): from nothing, unchanged, and with one worker added.
// Usage: MeshBench <path of tests/lab/lab.sh> <lab id> [path of bench/ansible/refresh-check.yml | --kubernetes]
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: MeshBench <tests/lab/lab.sh> <lab id> [refresh-check.yml | --kubernetes]   (bench/run.sh brings the lab up and down)");
    return 2;
}
var kubernetes = args.Length == 3 && args[2] == "--kubernetes";

const int UnchangedRuns = 5;
var lab = new LabHosts(args[0], args[1]);
var (keyPath, hosts) = lab.Show();
var stateDirectory = Path.Combine(Path.GetTempPath(), "mc-meshbench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
try
{
    var client = new MultiCloudClient(new MultiCloudClientOptions { StateDirectory = stateDirectory, Log = TraceLog.FromEnvironment() });
    if (kubernetes)
    {
        var everyLayer = BenchCluster.From("kubebench", keyPath, hosts) with { Kubernetes = lab.KubernetesRepository() };
        var phases = new List<PhaseResult>
        {
            await ApplyAsync(client, ApplyOptions.Default, everyLayer, "from nothing", null),
            await ApplyAsync(client, ApplyOptions.Default, everyLayer, "unchanged re-apply", null),
        };
        var worker = lab.Add();
        phases.Add(await ApplyAsync(client, ApplyOptions.Default, everyLayer.WithCompute(worker), "one worker added", worker));
        Console.WriteLine(PhaseResult.TableHeader);
        foreach (var result in phases) Console.WriteLine(result.TableRow());
        foreach (var result in phases) Console.WriteLine("json: " + result.Json());
        return 0;
    }
    var scope = new PlanOptions { Until = ClusterLayer.LoadBalancers };
    var options = new ApplyOptions { Plan = scope };
    var cluster = BenchCluster.From("meshbench", keyPath, hosts);
    var results = new List<PhaseResult> { await ApplyAsync(client, options, cluster, "from nothing", null) };
    for (var run = 1; run <= UnchangedRuns; run++)
        results.Add(await ApplyAsync(client, options, cluster, $"unchanged re-apply, refresh (run {run})", null));
    results.Add(await ApplyAsync(client, options with { Refresh = RefreshMode.StateOnly }, cluster, "unchanged re-apply, --no-refresh", null));

    var stopped = cluster.Compute[^1];
    lab.Ssh(stopped, "systemctl stop wg-quick@wg0");
    results.Add(await ApplyAsync(client, options, cluster, "repair: wg-quick stopped on one host", null));

    var ansible = args.Length == 3 && AnsibleCheck.Available() ? RunAnsible(lab, args[2], keyPath, cluster, hosts) : null;

    // Booting one more host is the lab's business and can fail on a loaded machine; the figures so far still count.
    LabHost? added = null;
    try
    {
        added = lab.Add();
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine("one host added: not measured: " + e.Message);
    }
    if (added != null) results.Add(await ApplyAsync(client, options, cluster.WithCompute(added), "one host added", added));

    // Last, on settled hosts: right after boot their units still compete for the CPU.
    var transport = await TransportPhase.RunAsync(keyPath, added is null ? hosts : hosts.Append(added).ToList(), Path.Combine(stateDirectory, "transport"));

    Console.WriteLine(PhaseResult.TableHeader);
    foreach (var result in results) Console.WriteLine(result.TableRow());
    Console.WriteLine();
    Console.WriteLine(TransportPhase.Header);
    Console.WriteLine(transport);
    foreach (var result in results) Console.WriteLine("json: " + result.Json());
    Console.WriteLine(ansible ?? "ansible: not measured (ansible-playbook not installed, or no playbook given)");
    return 0;
}
finally
{
    if (Directory.Exists(stateDirectory)) Directory.Delete(stateDirectory, recursive: true);
}

static string RunAnsible(LabHosts lab, string playbook, string keyPath, BenchCluster cluster, IReadOnlyList<LabHost> hosts)
{
    AnsibleCheck.InstallPython(lab, hosts);
    var runs = Enumerable.Range(1, 3).Select(_ => AnsibleCheck.Run(playbook, keyPath, cluster)).ToList();
    var line = $"ansible check of {cluster.HostCount} hosts (3 runs): {string.Join(" / ", runs.Select(r => AnsibleCheck.Seconds(r.Wall) + " s"))}; recap: {runs[^1].Recap}";
    Console.Error.WriteLine(line);
    return line;
}

static async Task<PhaseResult> ApplyAsync(MultiCloudClient client, ApplyOptions options, BenchCluster cluster, string phase, LabHost? added)
{
    var tasks = new TaskTimes();
    var clock = Stopwatch.StartNew();
    var result = await client.ApplyAsync(cluster.ToSpec(), options, tasks, CancellationToken.None);
    clock.Stop();
    var newNode = added is null ? null : result.State?.Nodes.Single(node => node.PublicAddress == added.Address).Name;
    var row = new PhaseResult(cluster.HostCount, phase, clock.Elapsed, result.Plan.Tasks.Count, result.RoundTrips, newNode, tasks.ToString());
    Console.Error.WriteLine($"{cluster.HostCount} hosts, {phase}: {clock.Elapsed.TotalSeconds:0.00} s, {row.TotalRoundTrips} round trips ({row.PerNode()}), status {result.Cluster?.Status}");
    return row;
}
