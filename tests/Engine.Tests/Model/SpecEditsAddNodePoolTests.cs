using MultiCloud.Engine.Model;
using MultiCloud.Engine.Tests.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Models
{
    public sealed class SpecEditsAddNodePoolTests
    {
        private static readonly DynamicNodePoolSpec Extra = ClusterSpecs.DynamicPool("extra", "hetzner-1", "fsn1", null, "cx32", 2);
        private static readonly StaticNodePoolSpec Rack2 = ClusterSpecs.StaticPool("rack2", "192.168.10.31");

        private static readonly Dictionary<string, (Func<ClusterSpec> Spec, NodePoolSpec Pool, string[] Order)> Orders = new()
        {
            ["dynamic into static-only"] = (ClusterSpecs.Static, Extra, new[] { "extra", "control", "workers", "lb" }),
            ["static into static-only"] = (ClusterSpecs.Static, Rack2, new[] { "control", "workers", "lb", "rack2" }),
            ["dynamic into example"] = (() => SpecAssert.Example("hybrid"), Extra,
                new[] { "control-az", "compute-az", "compute-aws", "lb-hetzner", "extra", "onprem" }),
            ["static into example"] = (() => SpecAssert.Example("hybrid"), Rack2,
                new[] { "control-az", "compute-az", "compute-aws", "lb-hetzner", "onprem", "rack2" }),
            ["dynamic into mixed order"] = (ClusterSpecs.Hybrid, Extra, new[] { "control", "compute-az", "lb", "extra", "onprem" }),
        };

        public static TheoryData<string> OrderCases => new TheoryData<string>(Orders.Keys);

        [Theory]
        [MemberData(nameof(OrderCases))]
        public void AddNodePool_PoolKind_KeepsDynamicPoolsBeforeStaticOnes(string name)
        {
            var (spec, pool, order) = Orders[name];

            var edited = SpecEdits.AddNodePool(spec(), pool, NodeRole.Compute);

            Assert.Equal(order, SpecAssert.PoolNames(edited));
        }

        [Theory]
        [InlineData(NodeRole.Control, new[] { "control", "extra" }, new[] { "compute-az", "onprem" })]
        [InlineData(NodeRole.Compute, new[] { "control" }, new[] { "compute-az", "onprem", "extra" })]
        public void AddNodePool_KubernetesRole_AppendsToThatListOnly(NodeRole role, string[] control, string[] compute)
        {
            var edited = SpecEdits.AddNodePool(ClusterSpecs.Hybrid(), Extra, role);

            Assert.Equal(control, edited.Kubernetes.ControlPools);
            Assert.Equal(compute, edited.Kubernetes.ComputePools);
            Assert.Equal(new[] { "lb" }, edited.LoadBalancers.Single().Pools);
            Assert.Equal(role, SpecQueries.RoleOf(edited, "extra"));
        }

        [Fact]
        public void AddNodePool_LoadBalancerRole_AddsPoolToNamedLoadBalancerOnly()
        {
            var spec = SpecEdits.SetLoadBalancer(ClusterSpecs.Hybrid(), ClusterSpecs.ApiLoadBalancer("ingress", "lb", dns: null) with { Pools = new string[0] });

            var edited = SpecEdits.AddNodePool(spec, Extra, NodeRole.LoadBalancer, "ingress");

            Assert.Equal(new[] { "lb" }, edited.LoadBalancers.Single(lb => lb.Name == "api").Pools);
            Assert.Equal(new[] { "extra" }, edited.LoadBalancers.Single(lb => lb.Name == "ingress").Pools);
            Assert.Equal(spec.Kubernetes.ControlPools, edited.Kubernetes.ControlPools);
            Assert.Equal(spec.Kubernetes.ComputePools, edited.Kubernetes.ComputePools);
            Assert.Contains("extra", SpecAssert.PoolNames(edited));
        }

        [Fact]
        public void AddNodePool_UnknownLoadBalancer_ThrowsLoadBalancerNotFoundListingThem()
        {
            var error = SpecAssert.Fails(() => SpecEdits.AddNodePool(ClusterSpecs.Hybrid(), Extra, NodeRole.LoadBalancer, "ingress"),
                ErrorIds.LoadBalancerNotFound, ErrorKind.NotFound, "cluster 'hybrid' has no load balancer named 'ingress'; it has: api");

            Assert.Equal("ingress", error.Target);
        }

        [Fact]
        public void AddNodePool_LoadBalancerRoleWithoutName_ThrowsInvalidEditAskingForTheLoadBalancer()
        {
            var error = Assert.Throws<MultiCloudException>(() => SpecEdits.AddNodePool(ClusterSpecs.Hybrid(), Extra, NodeRole.LoadBalancer));

            Assert.Equal(ErrorIds.InvalidEdit, error.ErrorId);
            Assert.Contains("name the load balancer", error.Message);
        }

        [Theory]
        [InlineData(NodeRole.Control)]
        [InlineData(NodeRole.Compute)]
        [InlineData(NodeRole.LoadBalancer)]
        public void AddNodePool_DuplicateName_ThrowsNodePoolExists(NodeRole role)
        {
            var error = SpecAssert.Fails(() => SpecEdits.AddNodePool(ClusterSpecs.Hybrid(), Rack2 with { Name = "onprem" }, role, "api"),
                ErrorIds.NodePoolExists, ErrorKind.AlreadyExists, "cluster 'hybrid' already has a node pool named 'onprem'");

            Assert.Equal("onprem", error.Target);
        }

        [Fact]
        public void AddNodePool_Edit_LeavesTheInputSpecAsItWas()
        {
            var spec = ClusterSpecs.Hybrid();
            var before = SpecAssert.PoolMentions(spec).ToList();

            SpecEdits.AddNodePool(spec, Extra, NodeRole.Compute);

            Assert.Equal(before, SpecAssert.PoolMentions(spec));
        }
    }
}
