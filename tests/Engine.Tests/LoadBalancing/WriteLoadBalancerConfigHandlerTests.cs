using MultiCloud.Engine.LoadBalancing;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Tests.Nodes;
using Xunit;

namespace MultiCloud.Engine.Tests.LoadBalancing;

public sealed class WriteLoadBalancerConfigHandlerTests
{
    [Fact]
    public async Task RunAsync_ValidConfig_SendsOneScriptAndRecordsTheHashesOfItsFiles()
    {
        var shell = RecordingShell.Printing("multicloud-result: lb=changed\nmulticloud-result: action=reload\n" +
            $"multicloud-result: file:{NginxConfigScript.StreamConfigPath}={new string('a', 64)}\n" +
            $"multicloud-result: file:{NginxConfigScript.LoaderPath}={new string('b', 64)}\n");
        var context = NodeExample.Context(StepKind.WriteLoadBalancerConfig, new[] { "lb-1" }, shell);

        var update = await new WriteLoadBalancerConfigHandler().RunAsync(context, "lb-1", CancellationToken.None);

        var recorded = update!(context.State).Nodes.Single(n => n.Name == "lb-1").ManagedFiles;
        Assert.Equal(new[] { (NginxConfigScript.LoaderPath, new string('b', 64)), (NginxConfigScript.StreamConfigPath, new string('a', 64)) },
            recorded.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        Assert.Equal(context.State.Nodes.Where(n => n.Name != "lb-1"), update(context.State).Nodes.Where(n => n.Name != "lb-1"));
        var script = Assert.Single(shell.Scripts).Script;
        Assert.Contains("report 'file:" + NginxConfigScript.StreamConfigPath + "' \"$(file_sha256 '" + NginxConfigScript.StreamConfigPath + "')\"", script);
        Assert.Contains("upstream mc_api__kube_apiserver {", script);
        Assert.Contains("wait_listening tcp 6443", script);
        Assert.Contains("wait_listening udp 53", script);
    }

    [Fact]
    public async Task RunAsync_NginxRejectsConfig_ThrowsConfigValidationFailedWithNginxMessage()
    {
        var shell = RecordingShell.Printing(
            "nginx: [emerg] duplicate \"listen\" 0.0.0.0:6443 in /etc/nginx/multicloud/stream.conf:12\n" +
            "nginx: configuration file /etc/nginx/nginx.conf test failed\n" +
            "multicloud-result: lb=invalid\n");
        var context = NodeExample.Context(StepKind.WriteLoadBalancerConfig, new[] { "lb-1" }, shell);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => new WriteLoadBalancerConfigHandler().RunAsync(context, "lb-1", CancellationToken.None));

        Assert.Equal(ErrorIds.ConfigValidationFailed, error.ErrorId);
        Assert.Contains("duplicate \"listen\" 0.0.0.0:6443", error.Message);
        Assert.Contains("lb-1", error.Message);
        Assert.DoesNotContain("multicloud-result", error.Message);
    }
}
