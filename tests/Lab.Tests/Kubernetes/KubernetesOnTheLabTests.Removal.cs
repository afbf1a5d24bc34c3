using k8s;
using k8s.Models;
using MultiCloud.Engine;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests.Kubernetes;

/// <summary>Nodes leaving the cluster, and a node whose kubelet never becomes Ready.</summary>
public sealed partial class KubernetesOnTheLabTests
{
    [LabFact, Scenario(7)]
    public Task Apply_TwoControlNodesRemovedAtOnce_RefusedAtPlanTimeAndNothingChanges() => Scenario(async () =>
    {
        var before = await StateAsync();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => client.ApplyAsync(Spec(new Members(new[] { 2 }, new[] { 5, 6 })), null, null, CancellationToken.None));

        Assert.Equal(ErrorIds.EtcdQuorumAtRisk, error.ErrorId);
        Assert.Contains(NameOf(before, lab.Host(3)), error.Message);
        Assert.Contains("one at a time", error.Message);
        var members = await lab.Hosts.OutputAsync(lab.Host(2), Etcdctl("member list"));
        Assert.Equal(3, members.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(before.Nodes.Select(n => n.Name), (await StateAsync()).Nodes.Select(n => n.Name));
    });

    [LabFact, Scenario(8)]
    public Task Apply_ComputeNodeRemoved_DrainsItAndDeletesItsNode() => Scenario(async () =>
    {
        var before = await StateAsync();
        var leaving = NameOf(before, lab.Host(6));
        using var kubernetes = await RawClientAsync();
        await kubernetes.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "lab-workload" },
            Spec = new V1PodSpec { NodeName = leaving, Containers = new[] { new V1Container { Name = "app", Image = "registry.k8s.io/pause:3.10" } } },
        }, "default");
        var events = new EventRecorder();

        await client.ApplyAsync(Spec(new Members(new[] { 2, 3, 4 }, new[] { 5 })), null, events, CancellationToken.None);

        var steps = events.OfKind(EngineEventKind.StepFinished).Select(e => e.StepName).ToList();
        Assert.True(steps.IndexOf("drain-nodes") >= 0 && steps.IndexOf("drain-nodes") < steps.IndexOf("delete-kubernetes-nodes"), string.Join(", ", steps));
        Assert.DoesNotContain((await kubernetes.CoreV1.ListNamespacedPodAsync("default")).Items, p => p.Metadata.Name == "lab-workload");
        using var api = await ApiAsync();
        Assert.Null(await api.GetNodeReadinessAsync(leaving, CancellationToken.None));
        Assert.Equal("", (await lab.Hosts.OutputAsync(lab.Host(6), "ls /etc/kubernetes 2>/dev/null || true\n")).Trim());
    });

    [LabFact, Scenario(9)]
    public Task Apply_ControlNodeRemoved_LeavesTwoEtcdMembersAndNoNodeObject() => Scenario(async () =>
    {
        var before = await StateAsync();

        await client.ApplyAsync(Spec(new Members(new[] { 2, 3 }, new[] { 5 })), null, null, CancellationToken.None);

        var members = await lab.Hosts.OutputAsync(lab.Host(2), Etcdctl("member list"));
        Assert.Equal(2, members.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        using var api = await ApiAsync();
        Assert.Null(await api.GetNodeReadinessAsync(NameOf(before, lab.Host(4)), CancellationToken.None));
        Assert.Equal("", (await lab.Hosts.OutputAsync(lab.Host(4), "ls /etc/kubernetes /var/lib/etcd 2>/dev/null || true\n")).Trim());
    });

    [LabFact, Scenario(10)]
    public Task Apply_JoiningNodeWhoseKubeletNeverGetsReady_TimesOutNamingTheNodeAndJoinsOnceFixed() => Scenario(async () =>
    {
        // containerd keeps running but stops answering on its socket: the kubelet reports NotReady, as a broken runtime makes it.
        await lab.Hosts.OutputAsync(lab.Host(6), ContainerdSocketGone(true));
        var impatient = ClientWith(KubernetesOptions.Default with { NodeReadyTimeout = TimeSpan.FromSeconds(45) });
        var rejoin = Spec(new Members(new[] { 2, 3 }, new[] { 5, 6 }));

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => impatient.ApplyAsync(rejoin, null, null, CancellationToken.None));

        var joining = (await StateAsync()).Nodes.Single(n => n.PublicAddress == lab.Host(6).Address);
        Assert.Equal(ErrorIds.KubeletNotReady, error.ErrorId);
        Assert.Equal(joining.Name, error.Target);
        Assert.Contains("node " + joining.Name + " did not become Ready within 45s", error.Message);
        Assert.Contains("journalctl -u kubelet", error.Message);
        Assert.False(joining.Joined);

        await lab.Hosts.OutputAsync(lab.Host(6), ContainerdSocketGone(false));
        var fixedRun = await client.ApplyAsync(rejoin, null, null, CancellationToken.None);

        Assert.True(fixedRun.State!.Nodes.Single(n => n.Name == joining.Name).Joined);
        using var api = await ApiAsync();
        Assert.True((await api.GetNodeReadinessAsync(joining.Name, CancellationToken.None))?.Ready);
    });

    /// <summary>A containerd drop-in that removes its socket once it started (or takes that drop-in away), then a restart.</summary>
    private static string ContainerdSocketGone(bool gone) =>
        (gone
            ? "mkdir -p /etc/systemd/system/containerd.service.d\nprintf '[Service]\\nExecStartPost=/bin/sh -c \"sleep 1; rm -f /run/containerd/containerd.sock\"\\n' >/etc/systemd/system/containerd.service.d/lab-no-socket.conf\n"
            : "rm -f /etc/systemd/system/containerd.service.d/lab-no-socket.conf\n") +
        "systemctl daemon-reload\nsystemctl restart containerd\n";
}
