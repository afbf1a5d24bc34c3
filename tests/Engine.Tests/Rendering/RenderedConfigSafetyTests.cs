using MultiCloud.Engine.LoadBalancing;
using MultiCloud.Engine.Mesh;
using MultiCloud.Engine.Model;
using Xunit;

namespace MultiCloud.Engine.Tests.Rendering;

/// <summary>
/// The renderers' own guard: whatever got past the checks on load, no value can start a new line, section or
/// directive in a file MultiCloud writes. Each hostile value is refused with UnsafeConfigValue naming the field.
/// </summary>
public sealed class RenderedConfigSafetyTests
{
    private const string Key = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
    private static readonly MeshInterface Self = new("control-1", "10.100.0.2", 16, 1380);

    private static MeshPeer Peer(string name = "control-2", string key = Key, string mesh = "10.100.0.3", string endpoint = "203.0.113.7") =>
        new(name, key, mesh, endpoint);

    public static TheoryData<string, MeshPeer> HostilePeers => new()
    {
        { "WireGuard public key of peer control-2", Peer(key: Key + "\nPostUp = touch /tmp/pwned") },
        { "WireGuard public key of peer control-2", Peer(key: Key + "\r\nPostUp = touch /tmp/pwned") },
        { "WireGuard public key of peer control-2", Peer(key: "x") },
        { "mesh address of peer control-2", Peer(mesh: "10.100.0.3/32\n[Interface]\nPostUp = id") },
        { "public address of peer control-2", Peer(endpoint: "203.0.113.7:51820\nPostUp = id #") },
        { "public address of peer control-2", Peer(endpoint: "fe80::1%$(id)") },
        { "peer name", Peer(name: "control-2\n[Peer]") },
    };

    [Theory]
    [MemberData(nameof(HostilePeers))]
    public void WireGuardRender_HostilePeerValue_IsRefusedNamingTheField(string field, MeshPeer peer)
    {
        var error = Assert.Throws<MultiCloudException>(() => WireGuardConfig.Render(Self, new[] { peer }));

        Assert.Equal(ErrorIds.UnsafeConfigValue, error.ErrorId);
        Assert.StartsWith(field + " is '", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Theory]
    [InlineData("control-1\nPostUp = id", "10.100.0.2")]
    [InlineData("control-1", "10.100.0.2\nPostUp = id")]
    public void WireGuardRender_HostileInterfaceValue_IsRefused(string name, string address)
    {
        var error = Assert.Throws<MultiCloudException>(() => WireGuardConfig.Render(new MeshInterface(name, address, 16, 1380), new[] { Peer() }));

        Assert.Equal(ErrorIds.UnsafeConfigValue, error.ErrorId);
    }

    [Fact]
    public void WireGuardRender_SoundValues_WritesThemAsGiven()
    {
        var config = WireGuardConfig.Render(Self, new[] { Peer(), Peer("edge-1", Key, "10.100.0.9", "2001:db8::7") });

        Assert.Contains("PublicKey = " + Key + "\n", config);
        Assert.Contains("Endpoint = [2001:db8::7]:51820\n", config);
    }

    public static TheoryData<string, StreamRole> HostileRoles => new()
    {
        { "upstream address of role api-server", new StreamRole("api", Role(), new[] { "10.0.0.2;\n    }\n}\nhttp { server { listen 80; root /; } }\n#" }) },
        { "upstream address of role api-server", new StreamRole("api", Role(), new[] { "node.example.com" }) },
        { "load balancer name", new StreamRole("api }", Role(), new[] { "10.0.0.2" }) },
        { "role name of load balancer api", new StreamRole("api", Role() with { Name = "x\n    server { listen 22; }" }, new[] { "10.0.0.2" }) },
        { "target pool of role api-server", new StreamRole("api", Role() with { TargetPools = new[] { "control\n}" } }, new[] { "10.0.0.2" }) },
    };

    private static RoleSpec Role() => new() { Name = "api-server", Port = 6443, TargetPort = 6443, TargetPools = new[] { "control" } };

    [Theory]
    [MemberData(nameof(HostileRoles))]
    public void NginxRender_HostileValue_IsRefusedNamingTheField(string field, StreamRole role)
    {
        var error = Assert.Throws<MultiCloudException>(() => NginxStreamConfig.Render("lb-1", new[] { role }));

        Assert.Equal(ErrorIds.UnsafeConfigValue, error.ErrorId);
        Assert.StartsWith(field + " is '", error.Message);
    }

    [Fact]
    public void NginxRender_HostileNodeName_IsRefused() =>
        Assert.Equal(ErrorIds.UnsafeConfigValue,
            Assert.Throws<MultiCloudException>(() => NginxStreamConfig.Render("lb-1\nstream {", new[] { new StreamRole("api", Role(), new[] { "10.0.0.2" }) })).ErrorId);
}
