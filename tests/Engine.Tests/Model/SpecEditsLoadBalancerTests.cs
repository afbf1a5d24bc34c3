using MultiCloud.Engine.Model;
using MultiCloud.Engine.Tests.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Models
{
    public sealed class SpecEditsLoadBalancerTests
    {
        private static readonly RoleSpec Https = new RoleSpec { Name = "https", Port = 443, TargetPort = 30443, TargetPools = new[] { "compute-az" } };

        [Fact]
        public void SetLoadBalancer_NewName_AppendsItAfterTheOthers()
        {
            var ingress = new LoadBalancerSpec { Name = "ingress", Roles = new[] { Https } };

            var edited = SpecEdits.SetLoadBalancer(ClusterSpecs.Hybrid(), ingress);

            Assert.Equal(new[] { "api", "ingress" }, edited.LoadBalancers.Select(lb => lb.Name));
            Assert.Same(ingress, edited.LoadBalancers[1]);
        }

        [Fact]
        public void SetLoadBalancer_ExistingName_ReplacesItInPlace()
        {
            var spec = SpecEdits.SetLoadBalancer(ClusterSpecs.Hybrid(), new LoadBalancerSpec { Name = "ingress", Roles = new[] { Https } });
            var api = spec.LoadBalancers[0] with { Dns = null };

            var edited = SpecEdits.SetLoadBalancer(spec, api);

            Assert.Equal(new[] { "api", "ingress" }, edited.LoadBalancers.Select(lb => lb.Name));
            Assert.Same(api, edited.LoadBalancers[0]);
            Assert.Same(spec.LoadBalancers[1], edited.LoadBalancers[1]);
        }

        [Theory]
        [InlineData("api", true, new[] { "lb" })]
        [InlineData("api", false, new[] { "lb2" })]
        [InlineData("ingress", true, new[] { "lb2" })]
        [InlineData("ingress", false, new[] { "lb2" })]
        public void SetLoadBalancer_KeepExistingPools_KeepsOldPoolsOnlyWhenReplacing(string name, bool keepExistingPools, string[] pools)
        {
            var given = new LoadBalancerSpec { Name = name, Pools = new[] { "lb2" }, Roles = new[] { Https } };

            var edited = SpecEdits.SetLoadBalancer(ClusterSpecs.Hybrid(), given, keepExistingPools);

            var result = edited.LoadBalancers.Single(lb => lb.Name == name);
            Assert.Equal(pools, result.Pools);
            Assert.Equal(new[] { Https }, result.Roles);
        }

        [Fact]
        public void RemoveLoadBalancer_Named_RemovesItAndItsPools()
        {
            var edited = SpecEdits.RemoveLoadBalancer(ClusterSpecs.Hybrid(), "api");

            Assert.Empty(edited.LoadBalancers);
            Assert.Equal(new[] { "control", "compute-az", "onprem" }, SpecAssert.PoolNames(edited));
            Assert.Equal(new[] { "control" }, edited.Kubernetes.ControlPools);
            Assert.Equal(new[] { "compute-az", "onprem" }, edited.Kubernetes.ComputePools);
        }

        [Fact]
        public void RemoveLoadBalancer_OneOfTwo_LeavesTheOtherAndItsPools()
        {
            var spec = SpecEdits.AddNodePool(
                SpecEdits.SetLoadBalancer(ClusterSpecs.Static(), new LoadBalancerSpec { Name = "ingress", Roles = new[] { Https } }),
                ClusterSpecs.StaticPool("lb2", "192.168.10.6"), NodeRole.LoadBalancer, "ingress");

            var edited = SpecEdits.RemoveLoadBalancer(spec, "api");

            Assert.Equal("ingress", edited.LoadBalancers.Single().Name);
            Assert.Equal(new[] { "lb2" }, edited.LoadBalancers.Single().Pools);
            Assert.Equal(new[] { "control", "workers", "lb2" }, SpecAssert.PoolNames(edited));
        }

        [Fact]
        public void RemoveLoadBalancer_UnknownName_ThrowsLoadBalancerNotFoundListingThem()
        {
            var error = SpecAssert.Fails(() => SpecEdits.RemoveLoadBalancer(ClusterSpecs.Static(), "edge"),
                ErrorIds.LoadBalancerNotFound, ErrorKind.NotFound, "cluster 'onprem' has no load balancer named 'edge'; it has: api");

            Assert.Equal("edge", error.Target);
        }

        [Fact]
        public void RemoveLoadBalancer_ClusterWithoutLoadBalancers_SaysItHasNone()
        {
            var spec = SpecEdits.RemoveLoadBalancer(ClusterSpecs.Static(), "api");

            SpecAssert.Fails(() => SpecEdits.RemoveLoadBalancer(spec, "api"),
                ErrorIds.LoadBalancerNotFound, ErrorKind.NotFound, "cluster 'onprem' has no load balancer named 'api'; it has: none");
        }

        [Fact]
        public void FindLoadBalancer_KnownName_ReturnsIt()
        {
            var spec = ClusterSpecs.Hybrid();

            Assert.Same(spec.LoadBalancers[0], SpecEdits.FindLoadBalancer(spec, "api"));
        }
    }
}
