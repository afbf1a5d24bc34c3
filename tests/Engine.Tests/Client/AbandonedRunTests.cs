using MultiCloud.Engine.Client;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Client;

public sealed class AbandonedRunTests
{
    private static readonly string[] HybridNodes =
        { "control-1", "control-2", "control-3", "compute-az-1", "compute-az-2", "onprem-1", "onprem-2", "lb-1" };

    private static ClusterSpec MtuChange() => ClusterSpecs.Hybrid() with { Kubernetes = ClusterSpecs.Hybrid().Kubernetes with { Mtu = 1280 } };

    /// <summary>The hybrid cluster fully applied, then a run towards <paramref name="journalSpec"/> that stopped.</summary>
    private static ClusterState StoppedRunTowards(ClusterSpec journalSpec, ClusterSpec? applied = null) =>
        SimulatedApply.Plan(applied ?? ClusterSpecs.Hybrid()) with
        {
            Journal = new JournalState
            {
                PlanId = "plan-of-the-stopped-run",
                DesiredSpec = journalSpec,
                CompletedSteps = new[] { "prepare/prepare-nodes" },
            },
        };

    [Fact]
    public void ForgetTouchedLayers_NoJournal_ReturnsTheStateUnchanged()
    {
        var applied = SimulatedApply.Plan(ClusterSpecs.Hybrid());

        Assert.Same(applied, AbandonedRun.ForgetTouchedLayers(applied, ClusterSpecs.Hybrid()));
    }

    [Fact]
    public void ForgetTouchedLayers_JournalOfTheSameSpec_ReturnsTheStateUnchanged()
    {
        var stopped = StoppedRunTowards(MtuChange());

        Assert.Same(stopped, AbandonedRun.ForgetTouchedLayers(stopped, MtuChange()));
    }

    [Fact]
    public void ForgetTouchedLayers_JournalOfAnotherMtu_ForgetsMeshLoadBalancerAndKubernetesNodeFingerprintsOnly()
    {
        var stopped = StoppedRunTowards(MtuChange());
        Assert.Equal(
            new[] { "dns/api", "kubernetes-nodes", "kubernetes-version", "lb/api", "mesh", "metadata/compute-az", "metadata/control", "metadata/onprem", "network/azure-1/westeurope", "network/hetzner-1/fsn1", "storage" },
            stopped.Applied.Keys.OrderBy(key => key, StringComparer.Ordinal));

        var forgotten = AbandonedRun.ForgetTouchedLayers(stopped, ClusterSpecs.Hybrid());

        var expected = stopped.Applied
            .Where(entry => entry.Key != AppliedKeys.Mesh && entry.Key != AppliedKeys.LoadBalancer("api") && entry.Key != AppliedKeys.KubernetesNodes)
            .OrderBy(entry => entry.Key, StringComparer.Ordinal);
        Assert.Equal(expected, forgotten.Applied.OrderBy(entry => entry.Key, StringComparer.Ordinal));
        Assert.Same(stopped.Journal, forgotten.Journal);
        Assert.Same(stopped.Nodes, forgotten.Nodes);
        Assert.Same(stopped.AppliedSpec, forgotten.AppliedSpec);
    }

    [Fact]
    public void ForgetTouchedLayers_JournalOfAnotherSpec_ForgetsEveryLoadBalancerOfTheDesiredSpec()
    {
        var twoBalancers = ClusterSpecs.Hybrid() with
        {
            NodePools = ClusterSpecs.Hybrid().NodePools.Append(ClusterSpecs.DynamicPool("ingress", "hetzner-1", "fsn1", null, "cx22", 1)).ToList(),
            LoadBalancers = ClusterSpecs.Hybrid().LoadBalancers.Append(Ingress()).ToList(),
        };
        var stopped = StoppedRunTowards(ClusterSpecs.Hybrid().WithVersion("v1.32.0"), applied: twoBalancers);
        Assert.Contains(AppliedKeys.LoadBalancer("ingress"), stopped.Applied.Keys);

        var forgotten = AbandonedRun.ForgetTouchedLayers(stopped, twoBalancers);

        Assert.DoesNotContain(AppliedKeys.Mesh, forgotten.Applied.Keys);
        Assert.DoesNotContain(AppliedKeys.LoadBalancer("api"), forgotten.Applied.Keys);
        Assert.DoesNotContain(AppliedKeys.LoadBalancer("ingress"), forgotten.Applied.Keys);
        Assert.Contains(AppliedKeys.Dns("api"), forgotten.Applied.Keys);
    }

    [Fact]
    public void ForgetTouchedLayers_JournalOfAnotherSpecButNoNodeLayerRecorded_ReturnsTheStateUnchanged()
    {
        var stopped = StoppedRunTowards(MtuChange()) with
        {
            Applied = new Dictionary<string, string> { [AppliedKeys.KubernetesVersion] = "v1.31.2", [AppliedKeys.Dns("api")] = "fp-dns" },
        };

        Assert.Same(stopped, AbandonedRun.ForgetTouchedLayers(stopped, ClusterSpecs.Hybrid()));
    }

    [Fact]
    public void ForgetTouchedLayers_RevertedMtuChange_ReplanWritesMeshLoadBalancerAndNodeFilesOnEveryNodeAndNothingElse()
    {
        var stopped = StoppedRunTowards(MtuChange());
        Assert.True(Planner.Create(ClusterSpecs.Hybrid(), stopped).IsEmpty);

        var replan = Planner.Create(ClusterSpecs.Hybrid(), AbandonedRun.ForgetTouchedLayers(stopped, ClusterSpecs.Hybrid()));

        Assert.Equal(
            new[]
            {
                "mesh write-mesh-config: " + string.Join(", ", HybridNodes),
                "lb/api write-lb-config: lb-1",
                "kubernetes/prepare prepare-kubernetes-nodes: " + string.Join(", ", HybridNodes.Where(n => n != "lb-1")),
            },
            PlanSummary.Steps(replan));
        Assert.Equal(stopped.Applied[AppliedKeys.Mesh], PlanSummary.Records(replan)[AppliedKeys.Mesh]);
        Assert.Equal(stopped.Applied[AppliedKeys.LoadBalancer("api")], PlanSummary.Records(replan)[AppliedKeys.LoadBalancer("api")]);
    }

    [Fact]
    public void ForgetTouchedLayers_AbandonedLabelChange_ForgetsOnlyThatPoolsMetadata()
    {
        var relabelled = ClusterSpecs.Hybrid().WithPool(ClusterSpecs.Hybrid().Pool<StaticNodePoolSpec>("onprem") with
        {
            Labels = new Dictionary<string, string> { ["site"] = "attic" },
        });
        var stopped = StoppedRunTowards(relabelled);

        var replan = Planner.Create(ClusterSpecs.Hybrid(), AbandonedRun.ForgetTouchedLayers(stopped, ClusterSpecs.Hybrid()));

        Assert.Contains("kubernetes/metadata apply-node-metadata: onprem-1, onprem-2", PlanSummary.Steps(replan));
        Assert.DoesNotContain(replan.Tasks, t => t.Kind == TaskKind.PrepareKubernetes);
    }

    private static LoadBalancerSpec Ingress() => new()
    {
        Name = "ingress",
        Pools = new[] { "ingress" },
        Roles = new[] { new RoleSpec { Name = "https", Port = 443, TargetPort = 30443, TargetPools = new[] { "compute-az", "onprem" } } },
    };
}
