using MultiCloud.Engine.Model;
using MultiCloud.Engine.Tests.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Models
{
    /// <summary>An edit that a front end allows on a valid cluster must give a cluster the manifest validator accepts.</summary>
    public sealed class SpecEditsValidityTests
    {
        private static ClusterSpec HybridExample() => SpecAssert.Example("hybrid");
        private static ClusterSpec StaticExample() => SpecAssert.Example("static");

        private static DynamicNodePoolSpec Dynamic(string name, string provider, string region, int count) =>
            ClusterSpecs.DynamicPool(name, provider, region, null, "small", count);

        private static readonly Dictionary<string, (Func<ClusterSpec> Spec, Func<ClusterSpec, ClusterSpec> Edit)> Edits = new()
        {
            ["hybrid example as shipped"] = (HybridExample, s => s),
            ["static example as shipped"] = (StaticExample, s => s),
            ["hybrid specs as built"] = (ClusterSpecs.Hybrid, s => s),
            ["add dynamic compute pool"] = (HybridExample, s => SpecEdits.AddNodePool(s, Dynamic("compute-gpu", "azure-neu", "northeurope", 1), NodeRole.Compute)),
            ["add dynamic control pool"] = (HybridExample, s => SpecEdits.AddNodePool(s, Dynamic("control-aws", "aws-main", "eu-central-1", 1), NodeRole.Control)),
            ["add pool to existing load balancer"] = (HybridExample, s => SpecEdits.AddNodePool(s, Dynamic("lb-nbg", "hetzner-lb", "nbg1", 1), NodeRole.LoadBalancer, "edge")),
            ["add static compute pool"] = (StaticExample, s => SpecEdits.AddNodePool(s, ClusterSpecs.StaticPool("rack2", "192.168.10.31"), NodeRole.Compute)),
            ["add static load balancer pool"] = (StaticExample, s => SpecEdits.AddNodePool(s, ClusterSpecs.StaticPool("lb2", "192.168.10.9"), NodeRole.LoadBalancer, "api")),
            ["add dynamic pool before static ones"] = (ClusterSpecs.Hybrid, s => SpecEdits.AddNodePool(s, Dynamic("extra", "azure-1", "westeurope", 2), NodeRole.Compute)),
            ["autoscale a counted pool"] = (HybridExample, s => SpecEdits.SetNodePoolSize(s, "compute-az", null, new AutoscalerSpec(1, 3))),
            ["count an autoscaled pool"] = (HybridExample, s => SpecEdits.SetNodePoolSize(s, "compute-aws", 4, null)),
            ["resize control pool"] = (ClusterSpecs.Hybrid, s => SpecEdits.SetNodePoolSize(s, "control", 5, null)),
            ["remove compute pool"] = (HybridExample, s => SpecEdits.RemoveNodePool(s, "compute-az")),
            ["remove one of two control pools"] = (HybridExample, s => SpecEdits.RemoveNodePool(s, "onprem")),
            ["remove static compute pool"] = (ClusterSpecs.Hybrid, s => SpecEdits.RemoveNodePool(s, "onprem")),
            ["replace load balancer keeping pools"] = (HybridExample, s => SpecEdits.SetLoadBalancer(s,
                s.LoadBalancers[0] with { Pools = new string[0], Roles = s.LoadBalancers[0].Roles.Take(1).ToList(), Dns = null }, keepExistingPools: true)),
            ["new load balancer, then its pool"] = (HybridExample, s => SpecEdits.AddNodePool(
                SpecEdits.SetLoadBalancer(s, new LoadBalancerSpec
                {
                    Name = "ingress",
                    Roles = new[] { new RoleSpec { Name = "http", Port = 80, TargetPort = 30080, TargetPools = new[] { "compute-aws" } } },
                }),
                Dynamic("lb-ingress", "hetzner-lb", "fsn1", 1), NodeRole.LoadBalancer, "ingress")),
            ["remove load balancer"] = (HybridExample, s => SpecEdits.RemoveLoadBalancer(s, "edge")),
            ["remove only load balancer of static cluster"] = (StaticExample, s => SpecEdits.RemoveLoadBalancer(s, "api")),
        };

        public static TheoryData<string> EditNames => new TheoryData<string>(Edits.Keys);

        [Theory]
        [MemberData(nameof(EditNames))]
        public void Edit_ValidCluster_StillValidatesClean(string name)
        {
            var (spec, edit) = Edits[name];

            SpecAssert.ValidatesClean(edit(spec()));
        }
    }
}
