using System.Text.Json;
using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests.Kubernetes;

/// <summary>
/// Scenario 2: the `multicloud` process SIGKILLed while a worker's kubeadm join runs (the OOM killer, a CI runner's
/// hard kill, a reboot of the operator's machine): no safe point, no last save, the lock stays.
/// </summary>
public sealed partial class KubernetesOnTheLabTests
{
    // The worker h5 is held half way through its join: its kubelet cannot start (a runtime drop-in that fails its
    // start), so kubeadm join has written the node's CA, bootstrap kubeconfig and kubelet configuration and then waits
    // for a kubelet that never answers. The kill lands there every time, not wherever a race puts it.
    private const string KubeletHold = "/run/systemd/system/kubelet.service.d/mc-lab-hold.conf";

    private const string HoldKubelet =
        "mkdir -p /run/systemd/system/kubelet.service.d\nprintf '[Service]\\nExecStartPre=/bin/false\\n' >" + KubeletHold + "\nsystemctl daemon-reload\n";

    private const string WaitUntilJoinIsHalfWay = @"
for attempt in $(seq 1 900); do
  if pgrep -f 'kubeadm join' >/dev/null && [ -e /etc/kubernetes/bootstrap-kubelet.conf ] && [ -e /var/lib/kubelet/config.yaml ]; then exit 0; fi
  sleep 0.2
done
echo 'kubeadm join never got half way' >&2
exit 1
";

    private const string JoinGone = "for attempt in $(seq 1 100); do pgrep -f 'kubeadm join' >/dev/null || exit 0; sleep 0.2; done; exit 1\n";

    // Stopped first, so the kubelet does not finish the join on its own once it may start again: the node stays as
    // the kill left it until the next run.
    private const string ReleaseKubelet = "systemctl stop kubelet\nrm -f " + KubeletHold + "\nsystemctl daemon-reload\n";

    // The cluster CA and the API server's manifest as kubeadm init left them: a second init (after the reset it needs)
    // would make a new CA, new files, new inodes.
    private const string InitFingerprint = "cd /etc/kubernetes && sha256sum pki/ca.crt manifests/kube-apiserver.yaml && stat -c '%n %i %Y' pki/ca.crt manifests/kube-apiserver.yaml\n";

    // What the cut join wrote on the worker; a reset removes them and the next join writes them anew.
    private const string JoinFiles = "stat -c '%n %i %y' /etc/kubernetes/pki/ca.crt /var/lib/kubelet/config.yaml\n";

    [LabFact, Scenario(2)]
    public Task Apply_KilledDuringTheWorkersJoin_StaleLockNamedThenUnlockAndApplyFinish() => Scenario(async () =>
    {
        var manifest = Path.Combine(lab.StateDirectory, "cluster.yaml");
        File.WriteAllText(manifest, ManifestWriter.ToYaml(new[] { Spec(Full) }));
        var worker = lab.Host(5);

        using var apply = CliProcess.Start("apply", manifest, "--yes", "--state", lab.StateDirectory);
        // Every node has its packages before init starts; from then on h5's kubelet is held.
        await apply.WaitForLineAsync(StepStarted("kubernetes/init/init-control-plane"), TimeSpan.FromMinutes(15));
        await lab.Hosts.OutputAsync(worker, HoldKubelet);
        await apply.WaitForLineAsync(StepStarted("kubernetes/join/join-workers"), TimeSpan.FromMinutes(10));
        await lab.Hosts.OutputAsync(worker, WaitUntilJoinIsHalfWay, TimeSpan.FromMinutes(4));
        await apply.SignalAsync("KILL");
        var killedCode = await apply.WaitForExitAsync(TimeSpan.FromMinutes(1));
        Assert.True(killedCode == 137, $"multicloud ended with {killedCode}, not by the SIGKILL (137):\n{apply.Stderr}");

        // What the user finds: a state file that parses, a journal up to the step the kill cut, the lock left behind.
        var folder = Path.Combine(lab.StateDirectory, ClusterName);
        using (JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "state.json")))) { }
        var killed = await StateAsync();
        var journal = Assert.IsType<JournalState>(killed.Journal);
        Assert.Contains("kubernetes/init/init-control-plane", journal.CompletedSteps);
        Assert.Contains("kubernetes/join/join-control-plane-" + NameOf(killed, lab.Host(4)), journal.CompletedSteps);
        Assert.DoesNotContain("kubernetes/join/join-workers", journal.CompletedSteps);
        Assert.Null(journal.StoppedStep);
        Assert.Null(journal.LastError);
        Assert.True(killed.Nodes.Single(n => n.PublicAddress == lab.Host(2).Address).Joined, "kubeadm init finished before the kill");
        Assert.False(killed.Nodes.Single(n => n.PublicAddress == worker.Address).Joined);
        Assert.True(File.Exists(Path.Combine(folder, "lock.json")), "SIGKILL leaves the lock: nothing could release it");
        var initialised = await lab.Hosts.OutputAsync(lab.Host(2), InitFingerprint);
        var halfJoined = await lab.Hosts.OutputAsync(worker, JoinFiles);
        Assert.True((await lab.Hosts.RunAsync(worker, JoinGone)).Succeeded,
            "kubeadm join still runs on " + worker.Name + " after multicloud was killed: the script's guard stops it when the SSH session ends");

        using var refused = CliProcess.Start("apply", manifest, "--yes", "--state", lab.StateDirectory);
        var refusedCode = await refused.WaitForExitAsync(TimeSpan.FromMinutes(3));
        Assert.True(refusedCode == 4, $"the apply after the kill ended with {refusedCode}, not 4 (StateLocked):\n{refused.Stderr}");
        Assert.Contains("error StateLocked: cluster '" + ClusterName + "' is locked by apply", refused.Stderr);
        Assert.Contains("(process " + apply.Id + ")", refused.Stderr);
        Assert.Contains("The lock looks stale", refused.Stderr);
        Assert.Contains("multicloud unlock " + ClusterName, refused.Stderr);
        Assert.Equal(killed.Serial, (await StateAsync()).Serial);

        using var unlock = CliProcess.Start("unlock", ClusterName, "--state", lab.StateDirectory);
        var unlockCode = await unlock.WaitForExitAsync(TimeSpan.FromMinutes(1));
        Assert.True(unlockCode == 0, $"unlock ended with {unlockCode}:\n{unlock.Stderr}");
        Assert.Contains("removed the lock held by apply", unlock.Stdout);

        await lab.Hosts.OutputAsync(worker, ReleaseKubelet);
        using var resumed = CliProcess.Start("apply", manifest, "--yes", "--verbose", "--state", lab.StateDirectory);
        var exitCode = await resumed.WaitForExitAsync(TimeSpan.FromMinutes(15));
        Assert.True(exitCode == 0, "the resumed apply failed:\n" + resumed.Stderr);

        var finished = await StateAsync();
        Assert.Null(finished.Journal);
        Assert.All(finished.Nodes.Where(n => n.Role != NodeRole.LoadBalancer), n => Assert.True(n.Joined, n.Name));
        Assert.DoesNotContain("step kubernetes/init/", resumed.Stderr);
        Assert.Equal(initialised, await lab.Hosts.OutputAsync(lab.Host(2), InitFingerprint));
        Assert.Contains(NameOf(finished, worker) + ": a kubeadm join that stopped part way had left files behind; they were removed with kubeadm reset -f", resumed.Stderr);
        Assert.NotEqual(halfJoined, await lab.Hosts.OutputAsync(worker, JoinFiles));
        using var api = await ApiAsync();
        foreach (var node in finished.Nodes.Where(n => n.Role != NodeRole.LoadBalancer))
            Assert.True((await api.GetNodeReadinessAsync(node.Name, CancellationToken.None))?.Ready, node.Name + " is not Ready");
    });

    private static Func<string, bool> StepStarted(string step) =>
        line => line.Contains("step " + step + " started", StringComparison.Ordinal);
}
