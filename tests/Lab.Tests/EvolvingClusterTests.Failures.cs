using MultiCloud.Engine;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Lab.Tests.Checks;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests;

/// <summary>Scenarios 6 to 8: an apply cut off half way and resumed, a configuration nginx rejects, a change given up half way.</summary>
public sealed partial class EvolvingClusterTests
{
    private const string MeshStep = "mesh/write-mesh-config";

    /// <summary>
    /// The released control host comes back as a compute node and the MTU changes, so the plan registers and
    /// prepares it, makes its mesh key, then rewrites wg0 on every host. One compute host is cut off: the last
    /// step fails there, after the other hosts finished it. The resumed run starts nothing but that host.
    /// </summary>
    [LabFact, Scenario(6)]
    public async Task ApplyAsync_HostUnreachableHalfWay_FailsAndResumesWithoutRedoingFinishedWork()
    {
        var (cluster, previous) = evolving.After(5);
        var returning = evolving.Released[0];
        var cutOff = previous.Compute[0];
        var topology = previous with { Mtu = 1280, Compute = previous.Compute.Append(returning).ToList() };
        var cutOffNode = (await cluster.NodeOfAsync(cutOff)).Name;

        var failedRun = new EventRecorder();
        await LabScript.IsolateAsync(lab.Id, cutOff);
        MultiCloudException error;
        try
        {
            error = await Assert.ThrowsAsync<MultiCloudException>(() => cluster.ApplyAsync(topology, failedRun));
        }
        finally
        {
            await LabScript.RestoreAsync(lab.Id, cutOff);
        }

        output.WriteLine("failed run: " + error.Message);
        Assert.Equal(ErrorIds.SshConnectionFailed, error.ErrorId);
        Assert.Equal(cutOffNode, error.Target);
        var stopped = (await cluster.StateAsync())!;
        var journal = Assert.IsType<Engine.State.JournalState>(stopped.Journal);
        Assert.StartsWith(ErrorIds.SshConnectionFailed, journal.LastError);
        Assert.Contains("prepare/prepare-nodes", journal.CompletedSteps);
        Assert.Contains("mesh/generate-mesh-keys", journal.CompletedSteps);
        var finishedBefore = journal.CompletedTargets[MeshStep];
        Assert.DoesNotContain(cutOffNode, finishedBefore);
        Assert.Equal(failedRun.OfKind(EngineEventKind.TargetFinished).Where(e => e.TaskId + "/" + e.StepName == MeshStep).Select(e => e.Target!).OrderBy(t => t),
            finishedBefore.OrderBy(t => t));

        var resumedRun = new EventRecorder();
        var resumed = await Timed("resumed run", () => cluster.SyncAsync(resumedRun));

        output.WriteLine("resumed run events:\n" + resumedRun);
        Assert.Null(resumed.State?.Journal);
        Assert.Null((await cluster.StateAsync())!.Journal);
        Assert.DoesNotContain(resumedRun.OfKind(EngineEventKind.Warning), e => e.Message.Contains("did not finish"));
        // Registering, preparing and keying the returning host finished before the stop: the state records them, so
        // the resumed plan has only the mesh step left, and of that only the host that did not finish it.
        Assert.Equal(new[] { MeshStep }, resumed.Plan.Tasks.SelectMany(t => t.Steps.Select(s => t.Id + "/" + s.Name)));
        var startedAgain = resumedRun.OfKind(EngineEventKind.TargetStarted).Select(e => e.TaskId + "/" + e.StepName + " " + e.Target).ToList();
        Assert.Equal(new[] { MeshStep + " " + cutOffNode }, startedAgain);
        Assert.Contains(resumedRun.OfKind(EngineEventKind.StepStarted), e => e.Message.Contains($"{finishedBefore.Count} of {finishedBefore.Count + 1} targets done by an earlier run"));

        Assert.All(await MeshChecks.MtusAsync(Hosts, topology.AllHosts), mtu => Assert.Equal(1280, mtu.Value));
        await MeshChecks.AssertFullMeshPeersAsync(Hosts, topology.AllHosts);
        await MeshChecks.AssertEveryHostPingsEveryOtherAsync(Hosts, topology.AllHosts);
        evolving.Passed(6, topology);
    }

    /// <summary>
    /// A broken file in conf.d makes nginx -t fail for any new configuration. The apply must stop with
    /// ConfigValidationFailed, leave the live configuration and the running nginx alone (still forwarding), and
    /// finish once the file is gone.
    /// </summary>
    [LabFact, Scenario(7)]
    public async Task ApplyAsync_NginxRejectsConfiguration_FailsAndKeepsServingTheRunningOne()
    {
        var (cluster, previous) = evolving.After(6);
        var lb = previous.LoadBalancers[0];
        const int extraPort = 7443;
        var topology = previous with
        {
            ExtraRoles = new[]
            {
                new RoleSpec { Name = "extra", Port = extraPort, TargetPort = LabTopology.ApiPort, TargetPools = new[] { LabTopology.ControlPool } },
            },
        };
        const string broken = "/etc/nginx/conf.d/zz-mc-lab-broken.conf";
        await Hosts.OutputAsync(lb, $"echo 'this is not an nginx directive;' >{broken}");
        var lbBefore = await NginxChecks.FingerprintAsync(Hosts, lb);
        var appliedBefore = (await cluster.StateAsync())!.Applied;

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => cluster.ApplyAsync(topology));

        output.WriteLine("rejected: " + error.Message);
        Assert.Equal(ErrorIds.ConfigValidationFailed, error.ErrorId);
        Assert.Contains("zz-mc-lab-broken.conf", error.Message);
        Assert.Equal(lbBefore, await NginxChecks.FingerprintAsync(Hosts, lb));
        Assert.Equal(appliedBefore.OrderBy(p => p.Key), (await cluster.StateAsync())!.Applied.OrderBy(p => p.Key));
        var answers = await HostnameService.ReadManyAsync(lb.Address, LabTopology.ApiPort, 3, ConnectionLimit);
        Assert.All(answers, answer => Assert.Equal(previous.Control[0].Name, answer.HostName));
        Assert.Equal("closed", await PortStateAsync(lb, extraPort));

        await Hosts.OutputAsync(lb, $"rm -f {broken}");
        var repaired = await cluster.SyncAsync();
        Assert.Null(repaired.State?.Journal);
        Assert.Equal("open", await PortStateAsync(lb, extraPort));
        evolving.Passed(7, topology);
    }

    /// <summary>
    /// A change that stops half way (some hosts already have the new MTU) and is then given up: applying the spec
    /// that was applied before must bring every host back to it, and the given-up spec must not linger as the
    /// cluster's spec (a later sync would apply it again).
    /// </summary>
    [LabFact, Scenario(8)]
    public async Task ApplyAsync_SpecRevertedAfterInterruptedRun_BringsEveryHostBack()
    {
        var (cluster, applied) = evolving.After(7);
        var cutOff = applied.Compute[0];
        var abandoned = applied with { Mtu = applied.Mtu + 20 };

        await LabScript.IsolateAsync(lab.Id, cutOff);
        try
        {
            var error = await Assert.ThrowsAsync<MultiCloudException>(() => cluster.ApplyAsync(abandoned));
            Assert.Equal(ErrorIds.SshConnectionFailed, error.ErrorId);
        }
        finally
        {
            await LabScript.RestoreAsync(lab.Id, cutOff);
        }
        var halfWay = await MeshChecks.MtusAsync(Hosts, applied.AllHosts);
        output.WriteLine("after the interrupted run: " + string.Join(", ", halfWay.Select(p => p.Key + "=" + p.Value)));
        Assert.Contains(halfWay.Values, mtu => mtu == abandoned.Mtu);

        var reverted = await Timed("apply of the spec applied before", () => cluster.ApplyAsync(applied));

        Assert.Null(reverted.State?.Journal);
        Assert.All(await MeshChecks.MtusAsync(Hosts, applied.AllHosts), mtu => Assert.Equal(applied.Mtu, mtu.Value));
        Assert.Equal(applied.Mtu, (await cluster.Client.GetSpecAsync(cluster.Name, CancellationToken.None)).Kubernetes.Mtu);
        Assert.True((await cluster.PlanAsync(applied)).IsEmpty);
        await MeshChecks.AssertEveryHostPingsEveryOtherAsync(Hosts, applied.AllHosts);
        evolving.Passed(8, applied);
    }

    private async Task<string> PortStateAsync(LabHost host, int port) =>
        (await Hosts.OutputAsync(host, $"if [ -n \"$(ss -H -l -n -t 'sport = :{port}')\" ]; then echo open; else echo closed; fi")).Trim();
}
