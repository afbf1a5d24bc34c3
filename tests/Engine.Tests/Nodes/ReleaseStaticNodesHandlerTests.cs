using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Nodes;

public sealed class ReleaseStaticNodesHandlerTests
{
    [Fact]
    public async Task RunAsync_LeavingNode_RunsTheReleaseScriptAndRemovesTheNode()
    {
        var shell = RecordingShell.Printing("multicloud-result: release=changed\n");
        var plan = NodeExample.Plan(NodeExample.PlannedNodes.Where(n => n.Name != "compute-2").ToList());
        var context = NodeExample.Context(StepKind.ReleaseStaticNodes, new[] { "compute-2" }, shell, plan: plan);

        var update = await new ReleaseStaticNodesHandler().RunAsync(context, "compute-2", CancellationToken.None);

        var sent = Assert.Single(shell.Scripts);
        Assert.Equal(ReleaseScript.Render(), sent.Script);
        Assert.Equal("2001:db8::21", sent.Target.Host);
        Assert.DoesNotContain(update!(context.State).Nodes, n => n.Name == "compute-2");
        Assert.Equal(4, update(context.State).Nodes.Count);
    }

    [Fact]
    public async Task RunAsync_LeavingNodeWithOwnKey_FindsTheKeyInTheAppliedSpec()
    {
        var shell = RecordingShell.Printing("multicloud-result: release=unchanged\n");
        var applied = NodeExample.Spec with
        {
            NodePools = NodeExample.Spec.NodePools.Select(pool => pool is StaticNodePoolSpec s && s.Name == "compute"
                ? s with { Nodes = s.Nodes.Select(n => n with { Name = null, PrivateKey = new CredentialRef(CredentialSource.File, "/keys/compute") }).ToList() }
                : pool).ToList(),
        };
        var plan = NodeExample.Plan(NodeExample.PlannedNodes.Where(n => n.Name != "compute-1").ToList());
        var context = NodeExample.Context(StepKind.ReleaseStaticNodes, new[] { "compute-1" }, shell, plan: plan);
        context = context with { State = context.State with { AppliedSpec = applied } };

        await new ReleaseStaticNodesHandler().RunAsync(context, "compute-1", CancellationToken.None);

        Assert.Equal("/keys/compute", Assert.Single(shell.Scripts).Target.PrivateKey.Path);
    }
}
