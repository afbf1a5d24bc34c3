using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Remote;
using Xunit;

namespace MultiCloud.Engine.Tests.Nodes;

public sealed class RegisterStaticNodesHandlerTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task RunAsync_NewMachine_ConnectsWithPlannedEndpointAndAddsTheNode()
    {
        var shell = new RecordingShell();
        var plan = NodeExample.Plan(NodeExample.PlannedNodes.Select(n => n.Name == "control-1"
            ? n with { User = "admin", Port = 2222, HostKeyFingerprint = "SHA256:given" }
            : n).ToList());
        var context = NodeExample.Context(StepKind.RegisterStaticNodes, new[] { "control-1" }, shell, nodes: new NodeState[0], plan: plan);

        var update = await new RegisterStaticNodesHandler().RunAsync(context, "control-1", CancellationToken.None);

        var target = Assert.Single(shell.Connects);
        Assert.Equal(("203.0.113.11", 2222, "admin", "/cluster/ssh/id_ed25519", null, "SHA256:given"),
            (target.Host, target.Port, target.User, target.PrivateKey.Path, target.PinnedHostKey, target.ExpectedFingerprint));
        var node = Assert.Single(update!(context.State).Nodes);
        Assert.Equal(("control-1", "control", NodeRole.Control, "10.100.0.2", "203.0.113.11", 2222, "admin"),
            (node.Name, node.Pool, node.Role, node.MeshAddress, node.PublicAddress, node.SshPort, node.SshUser));
        Assert.Equal((shell.PresentedKey.PublicKey, shell.PresentedKey.Fingerprint), (node.SshHostKey, node.SshHostKeyFingerprint));
        Assert.Empty(shell.Scripts);
    }

    [Fact]
    public async Task RunAsync_NodeAlreadyInState_ChecksThePinnedKeyAndKeepsWhatElseIsKnown()
    {
        var shell = new RecordingShell();
        var context = NodeExample.Context(StepKind.RegisterStaticNodes, new[] { "lb-1" }, shell);

        var update = await new RegisterStaticNodesHandler().RunAsync(context, "lb-1", CancellationToken.None);

        Assert.Equal(NodeExample.HostKey(1).PublicKey, Assert.Single(shell.Connects).PinnedHostKey);
        var nodes = update!(context.State).Nodes;
        Assert.Equal(5, nodes.Count);
        var node = nodes.Single(n => n.Name == "lb-1");
        Assert.True(node.Prepared);
        Assert.Equal(NodeExample.WireGuardKey(1), node.WireGuardPublicKey);
    }

    [Fact]
    public async Task RunAsync_KeyFromEnvironment_HoldsItInMemoryAndWritesNoFile()
    {
        var shell = new RecordingShell();
        var variable = "MC_TEST_NODE_KEY_" + Guid.NewGuid().ToString("N");
        // A body no hex GUID can contain: the variable's name is in the text checked.
        const string keyText = "-----BEGIN OPENSSH PRIVATE KEY-----\nzyxwv-key-body\n-----END OPENSSH PRIVATE KEY-----";
        Environment.SetEnvironmentVariable(variable, keyText);
        var plan = NodeExample.Plan(NodeExample.PlannedNodes.Select(n => n.Name == "compute-1"
            ? n with { PrivateKey = new CredentialRef(CredentialSource.Env, variable) }
            : n).ToList());
        var context = NodeExample.Context(StepKind.RegisterStaticNodes, new[] { "compute-1" }, shell, nodes: new NodeState[0], plan: plan, clusterDirectory: scratch.Path);

        try
        {
            await new RegisterStaticNodesHandler().RunAsync(context, "compute-1", CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        var target = Assert.Single(shell.Connects);
        Assert.Null(target.PrivateKey.Path);
        Assert.Equal("env:" + variable, target.PrivateKey.Origin);
        Assert.DoesNotContain("zyxwv-key-body", target.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(scratch.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task RunAsync_KeyFile_UsesThePathWithHomeExpanded()
    {
        var shell = new RecordingShell();
        var plan = NodeExample.Plan(NodeExample.PlannedNodes.Select(n => n.Name == "compute-2"
            ? n with { PrivateKey = new CredentialRef(CredentialSource.File, "~/keys/node") }
            : n).ToList());
        var context = NodeExample.Context(StepKind.RegisterStaticNodes, new[] { "compute-2" }, shell, nodes: new NodeState[0], plan: plan);

        await new RegisterStaticNodesHandler().RunAsync(context, "compute-2", CancellationToken.None);

        var keyPath = Assert.Single(shell.Connects).PrivateKey.Path!;
        Assert.False(keyPath.StartsWith('~'));
        Assert.EndsWith(Path.Combine("keys", "node"), keyPath);
    }

    [Fact]
    public async Task RunAsync_NodeNotInPlan_ThrowsStepFailed()
    {
        var context = NodeExample.Context(StepKind.RegisterStaticNodes, new[] { "ghost" }, new RecordingShell());

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => new RegisterStaticNodesHandler().RunAsync(context, "ghost", CancellationToken.None));

        Assert.Equal(ErrorIds.StepFailed, error.ErrorId);
        Assert.Contains("ghost", error.Message);
    }
}
