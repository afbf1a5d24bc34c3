using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Nodes;
using Xunit;

namespace MultiCloud.Engine.Tests.Refresh;

public sealed class RefreshScriptTests
{
    private static string LoadBalancerScript() =>
        RefreshScript.Render(ManagedOnHosts.ChecksFor(new NodeState { Name = "lb-1", Pool = "lb", Role = NodeRole.LoadBalancer, MeshAddress = "10.0.0.1" }));

    [Fact]
    public void Render_LoadBalancerNode_MatchesGoldenFile()
    {
        Golden.AssertMatches("refresh/refresh-load-balancer.sh", LoadBalancerScript());
    }

    [Fact]
    public void Render_LoadBalancerNode_IsValidBash()
    {
        Assert.Equal("", GeneratedScripts.SyntaxErrors(LoadBalancerScript()));
    }

    [Fact]
    public void Render_AnyNode_OnlyReadsAndNeverPrintsThePrivateKey()
    {
        var script = LoadBalancerScript();

        foreach (var changing in new[] { "systemctl start", "systemctl restart", "systemctl enable", "wg set", "wg syncconf", "rm ", "mv ", ">/etc", "> /etc" })
            Assert.DoesNotContain(changing, script);
        // The dump's first field is the private key: only fields 2 and 3 of its first line are printed.
        Assert.Contains("NR == 1 { print \"wg\", $2, $3; next }", script);
        Assert.DoesNotContain("set -e", script);
    }

    [Fact]
    public void Render_ComputeNode_AsksForItsLayersFilesAndUnitsOnly()
    {
        var script = RefreshScript.Render(ManagedOnHosts.ChecksFor(new NodeState { Name = "c", Pool = "p", Role = NodeRole.Compute, MeshAddress = "10.0.0.2" }));

        Assert.Contains("files=('/etc/sysctl.d/90-multicloud.conf' '/etc/modules-load.d/multicloud.conf' '/etc/wireguard/wg0.conf')\n", script);
        Assert.Contains("units=('wg-quick@wg0')\n", script);
        Assert.DoesNotContain("nginx", script);
    }

    [Fact]
    public async Task Render_RunByBashOnThisMachine_PrintsWhatTheParserReads()
    {
        var path = Path.Combine(Path.GetTempPath(), "mc-refresh-test-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(path, "managed by a test\n");
        try
        {
            var script = RefreshScript.Render(new RefreshChecks(new[] { path, path + ".missing" }, new string[0]));
            var output = await RunBashAsync(script);

            var observed = RefreshOutput.Parse("here", output, HostsSeen.Now);

            Assert.True(observed.IsChecked, observed.Problem);
            Assert.Equal(FileSha256(path), observed.Files[path]);
            Assert.Null(observed.Files[path + ".missing"]);
            Assert.NotNull(observed.HostTime);
            Assert.True(Math.Abs((observed.HostTime!.Value - DateTimeOffset.UtcNow).TotalMinutes) < 10, "the host time is not the host's clock");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> RunBashAsync(string script)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo("bash", "-s") { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(startInfo)!;
        await process.StandardInput.WriteAsync(Engine.Remote.RemoteCommand.Wrap(script));
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static string FileSha256(string path) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
}
