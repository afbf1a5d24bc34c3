using MultiCloud.Engine.Mesh;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Tests.Nodes;
using Xunit;

namespace MultiCloud.Engine.Tests.Mesh;

public sealed class MeshHandlerTests
{
    [Fact]
    public async Task GenerateMeshKeys_NodeReportsKey_RecordsThePublicKey()
    {
        var key = NodeExample.WireGuardKey(42);
        var shell = RecordingShell.Printing($"multicloud-result: key=generated\nmulticloud-result: public-key={key}\n");
        var nodes = NodeExample.ReadyNodes.Select(n => n with { WireGuardPublicKey = null }).ToList();
        var context = NodeExample.Context(StepKind.GenerateMeshKeys, new[] { "compute-1" }, shell, nodes);

        var update = await new GenerateMeshKeysHandler().RunAsync(context, "compute-1", CancellationToken.None);

        Assert.Equal(key, update!(context.State).Nodes.Single(n => n.Name == "compute-1").WireGuardPublicKey);
        Assert.Equal(MeshKeyScript.Render(), Assert.Single(shell.Scripts).Script);
    }

    [Theory]
    [InlineData("multicloud-result: public-key=not-a-key\n", ErrorIds.StepFailed)]
    [InlineData("multicloud-result: key=generated\n", ErrorIds.StepFailed)]
    public async Task GenerateMeshKeys_NoUsableKeyReported_Throws(string output, string errorId)
    {
        var context = NodeExample.Context(StepKind.GenerateMeshKeys, new[] { "lb-1" }, RecordingShell.Printing(output));

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => new GenerateMeshKeysHandler().RunAsync(context, "lb-1", CancellationToken.None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Contains("lb-1", error.Message);
    }

    [Fact]
    public async Task WriteMeshConfig_Target_SendsItsRenderedConfigWithoutAnyPrivateKey()
    {
        var shell = RecordingShell.Printing("multicloud-result: mesh=unchanged\nmulticloud-result: action=none\n");
        var context = NodeExample.Context(StepKind.WriteMeshConfig, NodeExample.Names, shell);

        var update = await new WriteMeshConfigHandler().RunAsync(context, "compute-2", CancellationToken.None);

        Assert.Null(update);
        var script = Assert.Single(shell.Scripts).Script;
        Assert.Equal(MeshConfigScript.Render(WriteMeshConfigHandler.RenderFor(context, "compute-2")), script);
        Assert.Contains("PrivateKey = " + WireGuardConfig.PrivateKeyMarker, script);
    }

    [Fact]
    public async Task WriteMeshConfig_PeerWithoutKey_ThrowsNamingThePeer()
    {
        var nodes = NodeExample.ReadyNodes.Select(n => n.Name == "control-2" ? n with { WireGuardPublicKey = null } : n).ToList();
        var context = NodeExample.Context(StepKind.WriteMeshConfig, NodeExample.Names, new RecordingShell(), nodes);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => new WriteMeshConfigHandler().RunAsync(context, "lb-1", CancellationToken.None));

        Assert.Equal(ErrorIds.StepFailed, error.ErrorId);
        Assert.Equal("control-2", error.Target);
    }

    [Fact]
    public void RenderFor_LeavingPeerOnlyInState_UsesTheStateAddress()
    {
        var plan = NodeExample.Plan(NodeExample.PlannedNodes.Where(n => n.Name != "compute-2").ToList());
        var context = NodeExample.Context(StepKind.WriteMeshConfig, NodeExample.Names, new RecordingShell(), plan: plan);

        var config = WriteMeshConfigHandler.RenderFor(context, "lb-1");

        Assert.Contains("AllowedIPs = 10.100.0.5/32, 10.244.3.0/24", config);
    }

    [Fact]
    public void RenderFor_KubernetesPeers_RouteTheirPodNetworksAndTheLoadBalancerOnlyItsAddress()
    {
        var context = NodeExample.Context(StepKind.WriteMeshConfig, NodeExample.Names, new RecordingShell());

        var config = WriteMeshConfigHandler.RenderFor(context, "control-1");

        Assert.Contains("AllowedIPs = 10.100.0.1/32\n", config);
        Assert.Contains("AllowedIPs = 10.100.0.3/32, 10.244.1.0/24\n", config);
        Assert.Contains("AllowedIPs = 10.100.0.5/32, 10.244.3.0/24\n", config);
        Assert.DoesNotContain("10.244.0.0/24", config);
    }

    [Fact]
    public async Task WriteMeshConfig_NodeWithoutPodCidrInState_RecordsThePlannedOne()
    {
        var shell = RecordingShell.Printing("multicloud-result: mesh=changed\nmulticloud-result: action=syncconf\n");
        var nodes = NodeExample.ReadyNodes.Select(n => n with { PodCidr = null }).ToList();
        var context = NodeExample.Context(StepKind.WriteMeshConfig, NodeExample.Names, shell, nodes);

        var update = await new WriteMeshConfigHandler().RunAsync(context, "compute-1", CancellationToken.None);

        Assert.Equal("10.244.2.0/24", update!(context.State).Nodes.Single(n => n.Name == "compute-1").PodCidr);
    }
}
