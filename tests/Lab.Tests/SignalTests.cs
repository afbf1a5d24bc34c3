using System.Diagnostics;
using System.Text;
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

        using var apply = Cli.Start("apply", manifest, "--until", "loadbalancers", "--yes", "--state", cluster.StateDirectory);
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
        using var sync = Cli.Start("sync", cluster.Name, "--yes", "--state", cluster.StateDirectory);
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

    /// <summary>The built console host, run as a separate process the way a CI job runs it.</summary>
    private sealed class Cli : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder stderr = new();
        private readonly object gate = new();
        private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> waiters = new();

        private Cli(Process process) => this.process = process;

        public string Stderr
        {
            get
            {
                lock (gate) return stderr.ToString();
            }
        }

        public static Cli Start(params string[] arguments)
        {
            var startInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            startInfo.ArgumentList.Add(Executable());
            foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
            startInfo.Environment.Remove("SSH_AUTH_SOCK");
            var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start multicloud");
            process.StandardInput.Close();
            var cli = new Cli(process);
            process.ErrorDataReceived += (_, e) => cli.Received(e.Data);
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            return cli;
        }

        public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan limit)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                if (stderr.ToString().Split('\n').Any(match)) return;
                waiters.Add((match, seen));
            }
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(seen.Task, exited, Task.Delay(limit));
            if (first != seen.Task) throw new Xunit.Sdk.XunitException((process.HasExited ? "multicloud ended" : "multicloud did not get there") + " before the awaited line:\n" + Stderr);
        }

        public async Task SignalAsync(string signal)
        {
            var kill = await LocalProcess.RunAsync("kill", new[] { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, null, TimeSpan.FromSeconds(10));
            Assert.True(kill.Succeeded, kill.StandardError);
        }

        public async Task<int> WaitForExitAsync(TimeSpan limit)
        {
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"multicloud did not end within {limit}:\n{Stderr}");
            }
            process.WaitForExit();
            return process.ExitCode;
        }

        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }

        private void Received(string? line)
        {
            if (line is null) return;
            lock (gate)
            {
                stderr.Append(line).Append('\n');
                foreach (var waiter in waiters.Where(w => w.Match(line)).ToList())
                {
                    waiter.Seen.TrySetResult();
                    waiters.Remove(waiter);
                }
            }
        }

        /// <summary>multicloud.dll of the same configuration as these tests (the solution build makes both).</summary>
        private static string Executable()
        {
            var configuration = AppContext.BaseDirectory.Contains(Path.DirectorySeparatorChar + "Debug" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? "Debug" : "Release";
            var path = Path.Combine(RepositoryRoot.Find(), "src", "Cli", "bin", configuration, "net10.0", "multicloud.dll");
            if (!File.Exists(path)) throw new InvalidOperationException($"{path} is missing: build the solution (dotnet build -c {configuration}) first");
            return path;
        }
    }
}
