using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Remote;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests;

/// <summary>
/// The SSH transport as the sudo user `mc` of a lab host, with Debian's own sudo and sudoers (use_pty): scripts run
/// as root, and a cancelled script is stopped on the host, not left running. Runs on the spare host and leaves
/// nothing of MultiCloud there.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class SudoTransportTests
{
    private readonly LabFixture lab;

    public SudoTransportTests(LabFixture lab)
    {
        this.lab = lab;
    }

    [LabFact]
    public async Task RunScriptAsync_SudoUser_RunsAsRootAndReportsTheScriptsExitCode()
    {
        var spare = await lab.SpareHostAsync();
        await using var shell = NewShell();

        var root = await shell.RunScriptAsync(Target(spare), "whoami", "id -u; echo to-stderr >&2", allowFailure: false, CancellationToken.None);
        var failed = await shell.RunScriptAsync(Target(spare), "fail", "exit 3", allowFailure: true, CancellationToken.None);

        Assert.Equal("0\n", root.StandardOutput);
        Assert.Equal("to-stderr\n", root.StandardError);
        Assert.Equal(3, failed.ExitCode);
    }

    [LabFact]
    public async Task RunScriptAsync_SudoUserCancelled_StopsTheScriptOnTheHost()
    {
        var spare = await lab.SpareHostAsync();
        var folder = "/tmp/mc-cancel-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        await using var shell = NewShell();
        using var cancel = new CancellationTokenSource();
        var script = $"mkdir -p {folder}\ntrap 'touch {folder}/terminated; exit 143' TERM\ntouch {folder}/started\nsleep 300 &\nwait";

        var running = shell.RunScriptAsync(Target(spare), "long", script, allowFailure: false, cancel.Token);
        await WaitForFileAsync(spare, folder + "/started");
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await WaitForFileAsync(spare, folder + "/terminated");
        await lab.Hosts.OutputAsync(spare, "rm -rf " + folder);
    }

    private SshNetShell NewShell() =>
        new(Path.Combine(lab.NewScratchFolder("sudo-transport"), "run.log"), NullEngineLog.Instance, Clusters.LabCluster.FastFailingSsh);

    private SshTarget Target(LabHost host) => new()
    {
        NodeName = "spare",
        Host = host.Address,
        User = "mc",
        PrivateKey = SshPrivateKey.FromFile(lab.Lab.KeyPath),
    };

    /// <summary>Waits for a file on the host; the bound only keeps a broken test from hanging the run.</summary>
    private async Task WaitForFileAsync(LabHost host, string path)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await lab.Hosts.RunAsync(host, $"test -e {path}")).Succeeded) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{path} did not appear on {host.Name}");
    }
}
