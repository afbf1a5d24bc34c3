using System.Diagnostics;
using MultiCloud.CloudDoubles;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Providers.Tests;
using MultiCloud.Providers.Tests.Clusters;

// The shipped hybrid example with 8 cloud VMs (2 + 2 Azure VMs in two subscriptions and 2 Hetzner VMs as shipped, the
// AWS pool at 2, the own machine left out: releasing it runs a script on it, and no host stands behind these doubles)
// applied up to the infrastructure layer, applied again unchanged, then destroyed, against the API doubles in this
// process; the calls each phase made come from the doubles' ledger. Usage: CloudBench [runs]
var runs = args.Length > 0 ? int.Parse(args[0]) : 3;
Console.WriteLine("| run | phase | wall time (s) | API calls | of them mutating | by API (all/mutating) |");
Console.WriteLine("|---:|---|---:|---:|---:|---|");
for (var run = 1; run <= runs; run++)
{
    foreach (var line in await BenchRun.RunAsync(run)) Console.WriteLine(line);
}

internal static class BenchRun
{
    public static async Task<IReadOnlyList<string>> RunAsync(int run)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mc-cloud-bench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        var machines = new AddressOnlyMachineBackend();
        var lines = new List<string>();
        try
        {
            await using var hybrid = await HybridDoubles.StartAsync(folder, machines);
            // ARM operations finish on their first poll, as the provider tests run them: what is measured is the
            // engine and the SDKs' calls, not a cloud's provisioning time.
            hybrid.Azure.Arm.PollsBeforeDone = 0;
            var shell = new PinnedKeyShell(machines);
            var client = new MultiCloudClient(new MultiCloudClientOptions
            {
                StateDirectory = Path.Combine(folder, "state"),
                Credentials = hybrid.Credentials,
                Log = new RecordingLog(),
                Cloud = new CloudOptions { MachineReadyInterval = TimeSpan.FromMilliseconds(20), MachineReadyTimeout = TimeSpan.FromSeconds(30) },
                Composition = hybrid.Doubles.Compose(EngineComposition.Default) with { RemoteShell = _ => shell },
            });
            var shipped = hybrid.Adapt(client.LoadExample("hybrid").Single(), pool => pool);
            var spec = SpecEdits.SetNodePoolSize(SpecEdits.RemoveNodePool(shipped, "onprem"), "compute-aws", 2, null);
            var options = new ApplyOptions { Plan = new PlanOptions { Until = ClusterLayer.Infrastructure } };

            // As both hosts run an apply: the plan they show (which asks the clouds' catalogues), then exactly that plan.
            PlannedRun? planned = null;
            lines.Add(await PhaseAsync(run, "plan of the new cluster", hybrid.Ledger, async () => planned = await client.PlanApplyAsync(spec, options.Plan, default)));
            lines.Add(await PhaseAsync(run, "create (8 VMs)", hybrid.Ledger, () => client.RunAsync(planned!, null, default)));
            lines.Add(await PhaseAsync(run, "unchanged re-apply (plan, then run)", hybrid.Ledger, async () =>
                await client.RunAsync(await client.PlanApplyAsync(spec, options.Plan, default), null, default)));
            lines.Add(await PhaseAsync(run, "destroy", hybrid.Ledger, () => client.DestroyAsync(spec.Name, null, null, default)));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        return lines;
    }

    private static async Task<string> PhaseAsync<T>(int run, string phase, ResourceLedger ledger, Func<Task<T>> action)
    {
        var before = ledger.Calls.Count;
        var clock = Stopwatch.StartNew();
        await action();
        clock.Stop();
        var calls = ledger.Calls.Skip(before).ToList();
        var byApi = string.Join(", ", calls.GroupBy(c => c.Api).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}/{g.Count(c => c.Mutating)}"));
        return $"| {run} | {phase} | {clock.Elapsed.TotalSeconds:0.00} | {calls.Count} | {calls.Count(c => c.Mutating)} | {(byApi.Length == 0 ? "none" : byApi)} |";
    }
}
