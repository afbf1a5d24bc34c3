using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Nodes;
using MultiCloud.Engine.Tests.State;
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
    public void ChecksFor_JoinedNodes_WatchKubernetesUnitsAndOnlyControlNodesAskTheApi()
    {
        var control = ManagedOnHosts.ChecksFor(new NodeState { Name = "c", Pool = "p", Role = NodeRole.Control, MeshAddress = "10.0.0.2", Joined = true });
        var compute = ManagedOnHosts.ChecksFor(new NodeState { Name = "w", Pool = "p", Role = NodeRole.Compute, MeshAddress = "10.0.0.3", Joined = true });
        var notJoined = ManagedOnHosts.ChecksFor(new NodeState { Name = "n", Pool = "p", Role = NodeRole.Control, MeshAddress = "10.0.0.4" });

        Assert.Equal("/etc/kubernetes/admin.conf", control.Kubeconfig);
        Assert.Contains("kubelet", control.Units);
        Assert.Null(compute.Kubeconfig);
        Assert.Equal(new[] { "wg-quick@wg0", "kubelet", "containerd" }, compute.Units);
        Assert.Null(notJoined.Kubeconfig);
        Assert.DoesNotContain("kubelet", notJoined.Units);
        Assert.DoesNotContain("kubectl", RefreshScript.Render(notJoined));
    }

    [Theory]
    [InlineData("printf 'Warning: a warning on stderr\\n' >&2\nprintf 'control-1\\tTrue\\tKubeletReady\\nworkers-1\\tFalse\\tKubeletNotReady\\nworkers-2\\t\\t\\n'", true, "")]
    [InlineData("echo 'The connection to the server 192.0.2.1:6443 was refused - did you specify the right host or port?' >&2\nexit 1", false,
        "The connection to the server 192.0.2.1:6443 was refused - did you specify the right host or port?")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Render_KubectlOnThePath_PrintsWhatTheParserReads(string kubectlBody, bool answered, string problem)
    {
        // A stand-in for kubectl (the lab tests run the real one): it checks it was asked with the kubeconfig for Nodes.
        using var temporary = new TemporaryFolder();
        var folder = temporary.Path;
        var kubeconfig = Path.Combine(folder, "admin.conf");
        await File.WriteAllTextAsync(kubeconfig, "apiVersion: v1\n");
        var kubectl = Path.Combine(folder, "kubectl");
        await File.WriteAllTextAsync(kubectl, "#!/bin/bash\n" +
            "[ \"$1 $2\" = \"--kubeconfig " + kubeconfig + "\" ] && [ \"$4 $5 $6\" = \"get nodes -o\" ] || { echo \"unexpected arguments: $*\" >&2; exit 2; }\n" + kubectlBody + "\n");
        File.SetUnixFileMode(kubectl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var output = await RunBashAsync(RefreshScript.Render(new RefreshChecks(new string[0], new string[0], kubeconfig)), folder);
        var observed = RefreshOutput.Parse("control-1", output, HostsSeen.Now);
        var api = observed.KubernetesApi;

        Assert.True(api != null, observed.Problem + "\n" + output);
        Assert.Equal(answered, api!.Answered);
        if (answered)
        {
            Assert.Equal(new[] { "control-1", "workers-1", "workers-2" }, api.Nodes.Keys.Order());
            Assert.Equal(new NodeReadiness("False", "KubeletNotReady"), api.Nodes["workers-1"]);
            Assert.Equal(new NodeReadiness("Unknown", null), api.Nodes["workers-2"]);
        }
        else
        {
            Assert.Equal(problem, api.Problem);
        }
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

    private static async Task<string> RunBashAsync(string script, string? pathFirst = null)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo("bash", "-s") { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (pathFirst != null) startInfo.Environment["PATH"] = pathFirst + ":" + Environment.GetEnvironmentVariable("PATH");
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
