using System.Globalization;
using System.Text;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.Tests.Nodes;
using Xunit;

namespace MultiCloud.Engine.Tests.Refresh;

/// <summary>
/// The parser of the refresh script's output, on outputs captured from lab hosts (testdata/refresh/*.out) and on
/// broken ones. Each parsed observation is compared, as text, with its golden file.
/// </summary>
public sealed class RefreshOutputTests
{
    public static TheoryData<string> Captured => new() { "lb-healthy", "compute-wg-stopped", "compute-peer-removed" };

    [Theory]
    [MemberData(nameof(Captured))]
    public void Parse_CapturedOutput_MatchesGoldenObservation(string name)
    {
        var output = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "refresh", name + ".out"));

        var observed = RefreshOutput.Parse("node-1", output, HostsSeen.Now);

        Assert.Equal(HostCheck.Checked, observed.Check);
        Golden.AssertMatches("refresh/" + name + ".txt", Describe(observed));
    }

    [Theory]
    [InlineData("", "printed no 'mc-refresh 1' line first")]
    [InlineData("Welcome to the machine\nmc-refresh 1\nend\n", "printed no 'mc-refresh 1' line first")]
    [InlineData("mc-refresh 1\nnow 1796199531\nos debian 12\n", "stopped before its end")]
    [InlineData("mc-refresh 1\nnow yesterday\nend\n", "(not a time): now yesterday")]
    [InlineData("mc-refresh 1\nfile 1234 /etc/wireguard/wg0.conf\nend\n", "(not a SHA-256)")]
    [InlineData("mc-refresh 1\nservice active wg-quick@wg0\nend\n", "(expected active state, enabled state and unit)")]
    [InlineData("mc-refresh 1\npeer KEY (none) 10.0.0.2/32\nend\n", "(expected public key, endpoint, allowed IPs and latest handshake)")]
    [InlineData("mc-refresh 1\nwg KEY port\nend\n", "(expected public key and port)")]
    [InlineData("mc-refresh 1\ncolour blue\nend\n", "(unknown fact 'colour')")]
    [InlineData("mc-refresh 1\nk8s-api maybe\nend\n", "(expected ok, none or error)")]
    [InlineData("mc-refresh 1\nk8s-node control-1 True\nend\n", "(expected node name, Ready status and reason)")]
    public void Parse_BrokenOutput_IsUnreadableNamingTheNodeAndTheLine(string output, string expected)
    {
        var observed = RefreshOutput.Parse("compute-7", output, HostsSeen.Now);

        Assert.Equal(HostCheck.Unreadable, observed.Check);
        Assert.Contains("compute-7", observed.Problem);
        Assert.Contains(expected, observed.Problem);
        Assert.Empty(observed.Files);
        Assert.Null(observed.WireGuard);
    }

    [Fact]
    public void Parse_PeerThatNeverHandshaked_HasNoLatestHandshake()
    {
        var observed = RefreshOutput.Parse("n", "mc-refresh 1\nwg PUB 51820\npeer KEY (none) 10.0.0.2/32 0\nend\n", HostsSeen.Now);

        var peer = Assert.Single(observed.WireGuard!.Peers);
        Assert.Null(peer.LatestHandshake);
        Assert.Null(peer.Endpoint);
    }

    [Fact]
    public void Parse_KubernetesAnswer_ReadsEveryNodesReadyCondition()
    {
        var observed = RefreshOutput.Parse("control-1",
            "mc-refresh 1\nk8s-api ok\nk8s-node control-1 True KubeletReady\nk8s-node workers-1 False KubeletNotReady\nk8s-node workers-2 Unknown -\nend\n", HostsSeen.Now);

        var api = Assert.IsType<KubernetesApiObservation>(observed.KubernetesApi);
        Assert.True(api.Answered);
        Assert.Null(api.Problem);
        Assert.Equal(new[] { "control-1", "workers-1", "workers-2" }, api.Nodes.Keys.Order());
        Assert.True(api.Nodes["control-1"].IsReady);
        Assert.Equal(new NodeReadiness("False", "KubeletNotReady"), api.Nodes["workers-1"]);
        Assert.Equal(new NodeReadiness("Unknown", null), api.Nodes["workers-2"]);
    }

    [Theory]
    [InlineData("k8s-api error The connection to the server 192.168.10.1:6443 was refused", "The connection to the server 192.168.10.1:6443 was refused")]
    [InlineData("k8s-api none kubectl is not installed on this node", "kubectl is not installed on this node")]
    [InlineData("k8s-api error", "kubectl said nothing")]
    public void Parse_KubernetesNoAnswer_SaysWhy(string line, string why)
    {
        var observed = RefreshOutput.Parse("control-1", "mc-refresh 1\n" + line + "\nend\n", HostsSeen.Now);

        Assert.True(observed.IsChecked);
        Assert.False(observed.KubernetesApi!.Answered);
        Assert.Equal(why, observed.KubernetesApi.Problem);
        Assert.Empty(observed.KubernetesApi.Nodes);
    }

    [Fact]
    public void Parse_NotAsked_HasNoKubernetesAnswer()
    {
        Assert.Null(RefreshOutput.Parse("lb-1", "mc-refresh 1\nend\n", HostsSeen.Now).KubernetesApi);
    }

    /// <summary>Every field of an observation, one per line, in a stable order.</summary>
    private static string Describe(NodeObservation observed)
    {
        var text = new StringBuilder();
        text.Append("node ").Append(observed.Node).Append(" check ").Append(observed.Check).Append('\n');
        text.Append("host time ").Append(observed.HostTime?.ToString("u", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("os ").Append(observed.OperatingSystem).Append('\n');
        foreach (var key in observed.HostKeys) text.Append("host key ").Append(key).Append('\n');
        foreach (var file in observed.Files.OrderBy(f => f.Key, StringComparer.Ordinal)) text.Append("file ").Append(file.Key).Append(' ').Append(file.Value ?? "(absent)").Append('\n');
        foreach (var unit in observed.Services.Values.OrderBy(s => s.Unit, StringComparer.Ordinal))
            text.Append("service ").Append(unit.Unit).Append(" active=").Append(unit.IsActive).Append(" (").Append(unit.ActiveState).Append(") enabled=").Append(unit.IsEnabled)
                .Append(" (").Append(unit.EnabledState).Append(")\n");
        if (observed.WireGuard is { } live)
        {
            text.Append("wg0 ").Append(live.PublicKey).Append(" port ").Append(live.ListenPort.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var peer in live.Peers)
            {
                text.Append("  peer ").Append(peer.PublicKey).Append(" endpoint ").Append(peer.Endpoint ?? "(none)").Append(" allowed ").Append(peer.AllowedIps)
                    .Append(" handshake ").Append(peer.LatestHandshake?.ToString("u", CultureInfo.InvariantCulture) ?? "never").Append('\n');
            }
        }
        else
        {
            text.Append("wg0 none\n");
        }
        text.Append("listening ").Append(string.Join(" ", observed.Listening)).Append('\n');
        return text.ToString();
    }
}
