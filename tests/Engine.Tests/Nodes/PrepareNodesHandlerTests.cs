using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Nodes;

public sealed class PrepareNodesHandlerTests
{
    [Fact]
    public async Task RunAsync_SupportedSystem_MarksThePreparedNodeWithItsSystem()
    {
        var shell = RecordingShell.Printing("Reading package lists...\nmulticloud-result: os=ubuntu 24.04\nmulticloud-result: installed=none\nmulticloud-result: prepare=ok\n");
        var nodes = NodeExample.ReadyNodes.Select(n => n with { Prepared = false, OperatingSystem = null }).ToList();
        var context = NodeExample.Context(StepKind.PrepareNodes, new[] { "lb-1" }, shell, nodes);

        var update = await new PrepareNodesHandler().RunAsync(context, "lb-1", CancellationToken.None);

        var node = update!(context.State).Nodes.Single(n => n.Name == "lb-1");
        Assert.Equal((true, "ubuntu 24.04"), (node.Prepared, node.OperatingSystem));
        var sent = Assert.Single(shell.Scripts);
        Assert.Equal(PrepareScript.Render(Model.NodeRole.LoadBalancer), sent.Script);
        Assert.Equal(NodeExample.HostKey(1).PublicKey, sent.Target.PinnedHostKey);
        Assert.Empty(shell.Connects);
    }

    [Fact]
    public async Task RunAsync_UnsupportedSystem_ThrowsNamingWhatWasFound()
    {
        var shell = RecordingShell.Printing("multicloud-result: os=centos 7\nmulticloud-result: prepare=unsupported-os\n");
        var context = NodeExample.Context(StepKind.PrepareNodes, new[] { "compute-1" }, shell);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => new PrepareNodesHandler().RunAsync(context, "compute-1", CancellationToken.None));

        Assert.Equal(ErrorIds.UnsupportedOperatingSystem, error.ErrorId);
        Assert.Contains("centos 7", error.Message);
        Assert.Contains("debian 12", error.Message);
        Assert.Contains("compute-1", error.Message);
    }

    [Fact]
    public async Task RunAsync_HostKeyNotPinnedYet_LearnsItAndRecordsIt()
    {
        var shell = RecordingShell.Printing("multicloud-result: os=debian 12\nmulticloud-result: prepare=ok\n");
        var nodes = NodeExample.ReadyNodes.Select(n => n with { SshHostKey = null, SshHostKeyFingerprint = null }).ToList();
        var context = NodeExample.Context(StepKind.PrepareNodes, new[] { "control-2" }, shell, nodes);

        var update = await new PrepareNodesHandler().RunAsync(context, "control-2", CancellationToken.None);

        Assert.Single(shell.Connects);
        Assert.Equal(shell.PresentedKey.PublicKey, Assert.Single(shell.Scripts).Target.PinnedHostKey);
        Assert.Equal(shell.PresentedKey.Fingerprint, update!(context.State).Nodes.Single(n => n.Name == "control-2").SshHostKeyFingerprint);
    }

    [Fact]
    public async Task RunAsync_NodeNotRegistered_ThrowsStepFailed()
    {
        var context = NodeExample.Context(StepKind.PrepareNodes, new[] { "lb-1" }, new RecordingShell(), new NodeState[0]);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => new PrepareNodesHandler().RunAsync(context, "lb-1", CancellationToken.None));

        Assert.Equal(ErrorIds.StepFailed, error.ErrorId);
    }
}
