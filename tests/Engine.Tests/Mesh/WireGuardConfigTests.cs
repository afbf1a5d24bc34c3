using MultiCloud.Engine.Mesh;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Tests.Nodes;
using Xunit;

namespace MultiCloud.Engine.Tests.Mesh;

public sealed class WireGuardConfigTests
{
    public static TheoryData<string> NodeNames => new(NodeExample.Names);

    [Theory]
    [MemberData(nameof(NodeNames))]
    public void RenderFor_ExampleMesh_MatchesGoldenFile(string node)
    {
        var context = NodeExample.Context(StepKind.WriteMeshConfig, NodeExample.Names, new RecordingShell());

        Golden.AssertMatches($"mesh/wg0-{node}.conf", WriteMeshConfigHandler.RenderFor(context, node));
    }

    [Fact]
    public void RenderFor_PeerSet_ListsEveryOtherTargetOnceAndNeverItself()
    {
        var context = NodeExample.Context(StepKind.WriteMeshConfig, new[] { "control-1", "control-2", "compute-1" }, new RecordingShell());

        var config = WriteMeshConfigHandler.RenderFor(context, "control-1");

        Assert.Equal(2, config.Split("[Peer]").Length - 1);
        Assert.Contains("AllowedIPs = 10.100.0.3/32", config);
        Assert.Contains("AllowedIPs = 10.100.0.4/32", config);
        Assert.DoesNotContain("AllowedIPs = 10.100.0.2/32", config);
        Assert.DoesNotContain("10.100.0.5", config);
        Assert.Contains("Address = 10.100.0.2/16", config);
        Assert.Contains("PrivateKey = " + WireGuardConfig.PrivateKeyMarker + "\n", config);
    }

    [Theory]
    [InlineData("10.100.0.0/16", 16)]
    [InlineData("192.168.7.0/24", 24)]
    [InlineData("10.0.0.0/8", 8)]
    public void PrefixLength_Cidr_ReturnsLength(string network, int expected)
    {
        Assert.Equal(expected, WireGuardConfig.PrefixLength(network));
    }

    [Theory]
    [InlineData("10.100.0.0")]
    [InlineData("10.100.0.0/33")]
    [InlineData("10.100.0.0/x")]
    public void PrefixLength_NotCidr_Throws(string network)
    {
        Assert.Throws<MultiCloudException>(() => WireGuardConfig.PrefixLength(network));
    }

    [Fact]
    public void Render_Ipv6PublicAddress_BracketsTheEndpoint()
    {
        var config = WireGuardConfig.Render(new MeshInterface("a", "10.0.0.1", 24, 1380),
            new[] { new MeshPeer("b", NodeExample.WireGuardKey(2), "10.0.0.2", "2001:db8::2") });

        Assert.Contains("Endpoint = [2001:db8::2]:51820\n", config);
    }
}
