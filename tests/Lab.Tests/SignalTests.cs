using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.State;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiCloud.Lab.Tests;

/// <summary>
/// What CI runners, systemd, `docker stop` and Azure Automation do to a job: SIGTERM to the `multicloud` process in
/// the middle of an apply. The run stops at a safe point, saves its journal, releases the lock and removes its
/// temporaries; `multicloud sync` then finishes the cluster without anyone running `unlock`.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class SignalTests
{
    // wg genkey writing into a FIFO with no reader blocks: a step that hangs on one host, as commands sometimes do.
    private const string HangingKeyStep = "mkdir -p /etc/wireguard && mkfifo /etc/wireguard/multicloud.key.new";

    private readonly LabFixture lab;
    private readonly ITestOutputHelper output;

    public SignalTests(LabFixture lab, ITestOutputHelper output)
    {
        this.lab = lab;
        this.output = output;
    }

    [LabFact]
    public async Task Apply_SigtermWhileAStepHangs_StopsInOrderAndSyncFinishesWithoutUnlock()
    {
        var host = await lab.AddHostAsync();
        var cluster = LabCluster.Create(lab, "sigterm");
        var topology = new LabTopology { ClusterName = cluster.Name, PrivateKeyPath = lab.Lab.KeyPath, Control = new[] { host } };
        var manifest = Path.Combine(lab.NewScratchFolder("sigterm-manifest"), "cluster.yaml");
        File.WriteAllText(manifest, ManifestWriter.ToYaml(new[] { topology.ToSpec() }));
        await lab.Hosts.OutputAsync(host, HangingKeyStep);

        using var apply = CliProcess.Start("apply", manifest, "--until", "loadbalancers", "--yes", "--state", cluster.StateDirectory);
        // The mesh key step cannot finish on the host while the FIFO has no reader: the run is in the middle of a step.
        await apply.WaitForLineAsync(line => line.Contains("step mesh/", StringComparison.Ordinal) && line.Contains(" started", StringComparison.Ordinal),
            TimeSpan.FromMinutes(5));
        await apply.SignalAsync("TERM");
        var exitCode = await apply.WaitForExitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine(apply.Stderr);

        Assert.Equal(130, exitCode);
        Assert.Contains("SIGTERM: stopping at a safe point", apply.Stderr);
        var clusterFolder = Path.Combine(cluster.StateDirectory, cluster.Name);
        Assert.False(File.Exists(Path.Combine(clusterFolder, "lock.json")), "the lock was left behind");
        var runKeys = Path.Combine(clusterFolder, "ssh", "run-keys");
        Assert.True(!Directory.Exists(runKeys) || Directory.GetFiles(runKeys).Length == 0, "copies of the private key were left behind");
        var stopped = (await cluster.StateAsync())!;
        var journal = Assert.IsType<JournalState>(stopped.Journal);
        Assert.StartsWith("OperationCanceled", journal.LastError);
        Assert.Contains(journal.CompletedSteps, step => step.StartsWith("prepare/", StringComparison.Ordinal));
        Assert.Null(Assert.Single(stopped.Nodes).WireGuardPublicKey);

        // Let the stuck writer go, as an operator would end a hung command.
        await lab.Hosts.OutputAsync(host, "timeout 10 cat /etc/wireguard/multicloud.key.new >/dev/null; rm -f /etc/wireguard/multicloud.key.new; true");
        using var sync = CliProcess.Start("sync", cluster.Name, "--yes", "--state", cluster.StateDirectory);
        var syncExit = await sync.WaitForExitAsync(TimeSpan.FromMinutes(5));
        output.WriteLine(sync.Stderr);

        Assert.Equal(0, syncExit);
        var finished = (await cluster.StateAsync())!;
        Assert.Null(finished.Journal);
        Assert.NotNull(finished.AppliedSpec);
        var key = Assert.Single(finished.Nodes).WireGuardPublicKey;
        Assert.NotNull(key);
        Assert.Equal(key, (await lab.Hosts.OutputAsync(host, "wg show wg0 public-key")).Trim());
        Assert.Null(await cluster.Client.Store.BreakLockAsync(cluster.Name, force: false));
    }
}
