using MultiCloud.Engine.LoadBalancing;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Tests.Nodes;
using Xunit;

namespace MultiCloud.Engine.Tests.LoadBalancing;

public sealed class NginxStreamConfigTests
{
    [Fact]
    public void Render_ExampleLoadBalancer_MatchesGoldenFile()
    {
        var context = NodeExample.Context(StepKind.WriteLoadBalancerConfig, new[] { "lb-1" }, new RecordingShell());

        Golden.AssertMatches("lb/stream-lb-1.conf", NginxStreamConfig.Render("lb-1", WriteLoadBalancerConfigHandler.RolesFor(context, "lb-1")));
    }

    [Fact]
    public void RolesFor_PlanDropsANode_UpstreamsFollowThePlanNotTheState()
    {
        var plan = NodeExample.Plan(NodeExample.PlannedNodes.Where(n => n.Name != "control-2").ToList());
        var context = NodeExample.Context(StepKind.WriteLoadBalancerConfig, new[] { "lb-1" }, new RecordingShell(), plan: plan);

        var api = WriteLoadBalancerConfigHandler.RolesFor(context, "lb-1").Single(r => r.Role.Name == "kube-apiserver");

        Assert.Equal(new[] { "10.100.0.2" }, api.UpstreamAddresses);
    }

    [Fact]
    public void Render_RoleWithoutTargets_LeavesThePortOutWithAComment()
    {
        var role = new RoleSpec { Name = "web", Port = 80, TargetPort = 30080 };

        var config = NginxStreamConfig.Render("lb-1", new[] { new StreamRole("edge", role, new string[0]) });

        Assert.DoesNotContain("upstream", config);
        Assert.Contains("# no target nodes: not listening on 80", config);
        Assert.Empty(NginxStreamConfig.ListenPorts(new[] { new StreamRole("edge", role, new string[0]) }));
    }

    [Theory]
    [InlineData("api", "kube-apiserver", "mc_api__kube_apiserver")]
    [InlineData("edge.lb", "http/1", "mc_edge_lb__http_1")]
    public void UpstreamName_Names_AreNginxIdentifiers(string loadBalancer, string role, string expected)
    {
        Assert.Equal(expected, NginxStreamConfig.UpstreamName(loadBalancer, role));
    }

    [Fact]
    public void Render_Port80_ScriptRemovesTheStockDefaultSite()
    {
        var ports = new[] { (LoadBalancerProtocol.Tcp, 80) };

        var script = NginxConfigScript.Render("stream {\n}\n", ports);

        Assert.Contains("rm -f " + NginxConfigScript.DefaultSitePath, script);
        Assert.DoesNotContain(NginxConfigScript.DefaultSitePath, NginxConfigScript.Render("stream {\n}\n", new[] { (LoadBalancerProtocol.Tcp, 443) }));
    }
}
