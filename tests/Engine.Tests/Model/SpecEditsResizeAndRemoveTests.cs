using MultiCloud.Engine.Model;
using MultiCloud.Engine.Tests.Planning;
using MultiCloud.Engine.Tests.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Models
{
    public sealed class SpecEditsResizeAndRemoveTests
    {
        [Fact]
        public void SetNodePoolSize_CountOnAutoscaledPool_ReplacesTheAutoscaler()
        {
            var edited = SpecEdits.SetNodePoolSize(StateSamples.RichSpec(), "burst", 3, null);

            var burst = edited.Pool<DynamicNodePoolSpec>("burst");
            Assert.Equal(3, burst.Count);
            Assert.Null(burst.Autoscaler);
        }

        [Fact]
        public void SetNodePoolSize_AutoscalerOnCountedPool_ReplacesTheCount()
        {
            var edited = SpecEdits.SetNodePoolSize(ClusterSpecs.Hybrid(), "control", null, new AutoscalerSpec(1, 4));

            var control = edited.Pool<DynamicNodePoolSpec>("control");
            Assert.Null(control.Count);
            Assert.Equal(new AutoscalerSpec(1, 4), control.Autoscaler);
        }

        [Fact]
        public void SetNodePoolSize_CountAndAutoscalerBoth_CountWins()
        {
            var edited = SpecEdits.SetNodePoolSize(StateSamples.RichSpec(), "burst", 2, new AutoscalerSpec(1, 4));

            Assert.Equal(2, edited.Pool<DynamicNodePoolSpec>("burst").Count);
            Assert.Null(edited.Pool<DynamicNodePoolSpec>("burst").Autoscaler);
        }

        [Fact]
        public void SetNodePoolSize_OnePool_LeavesEveryOtherPoolAndTheOrder()
        {
            var spec = ClusterSpecs.Hybrid();

            var edited = SpecEdits.SetNodePoolSize(spec, "compute-az", 5, null);

            Assert.Equal(SpecAssert.PoolNames(spec), SpecAssert.PoolNames(edited));
            Assert.All(spec.NodePools.Where(p => p.Name != "compute-az"), p => Assert.Same(p, edited.NodePools.Single(e => e.Name == p.Name)));
            Assert.Equal(spec.Pool<DynamicNodePoolSpec>("compute-az").Taints, edited.Pool<DynamicNodePoolSpec>("compute-az").Taints);
        }

        [Fact]
        public void SetNodePoolSize_StaticPool_ThrowsInvalidEdit()
        {
            var error = SpecAssert.Fails(() => SpecEdits.SetNodePoolSize(ClusterSpecs.Hybrid(), "onprem", 3, null),
                ErrorIds.InvalidEdit, ErrorKind.InvalidArgument,
                "node pool 'onprem' is static: its size is the list of its nodes; change them in the manifest");

            Assert.Equal("onprem", error.Target);
        }

        [Fact]
        public void SetNodePoolSize_UnknownPool_ThrowsNodePoolNotFoundListingThePools()
        {
            var error = SpecAssert.Fails(() => SpecEdits.SetNodePoolSize(ClusterSpecs.Hybrid(), "gpu", 3, null),
                ErrorIds.NodePoolNotFound, ErrorKind.NotFound,
                "cluster 'hybrid' has no node pool named 'gpu'; it has: control, compute-az, onprem, lb");

            Assert.Equal("gpu", error.Target);
        }

        [Fact]
        public void SetNodePoolSize_ClusterWithoutPools_SaysItHasNone()
        {
            var empty = ClusterSpecs.Static() with { NodePools = new NodePoolSpec[0] };

            SpecAssert.Fails(() => SpecEdits.SetNodePoolSize(empty, "control", 3, null),
                ErrorIds.NodePoolNotFound, ErrorKind.NotFound, "cluster 'onprem' has no node pool named 'control'; it has: none");
        }

        [Theory]
        [InlineData("control")]
        [InlineData("compute-az")]
        [InlineData("onprem")]
        [InlineData("lb")]
        public void RemoveNodePool_AnyPool_IsNamedNowhereAfterwards(string pool)
        {
            var spec = ClusterSpecs.Hybrid();

            var edited = SpecEdits.RemoveNodePool(spec, pool);

            var expected = SpecAssert.PoolMentions(spec).Where(m => !m.EndsWith(": " + pool, StringComparison.Ordinal));
            Assert.Equal(expected, SpecAssert.PoolMentions(edited));
        }

        [Fact]
        public void RemoveNodePool_RoleTarget_KeepsTheRoleWithItsOtherTargets()
        {
            var edited = SpecEdits.RemoveNodePool(SpecAssert.Example("hybrid"), "compute-az");

            var roles = edited.LoadBalancers.Single().Roles;
            Assert.Equal(new[] { "api-server", "http", "https" }, roles.Select(r => r.Name));
            Assert.Equal(new[] { "compute-aws" }, roles.Single(r => r.Name == "https").TargetPools);
            Assert.True(roles.Single(r => r.Name == "https").ProxyProtocol);
            Assert.Equal(new[] { "control-az", "onprem" }, roles.Single(r => r.Name == "api-server").TargetPools);
        }

        [Fact]
        public void RemoveNodePool_UnknownPool_ThrowsNodePoolNotFound()
        {
            SpecAssert.Fails(() => SpecEdits.RemoveNodePool(ClusterSpecs.Static(), "gpu"),
                ErrorIds.NodePoolNotFound, ErrorKind.NotFound, "cluster 'onprem' has no node pool named 'gpu'; it has: control, workers, lb");
        }
    }
}
