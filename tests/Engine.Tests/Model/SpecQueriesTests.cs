using MultiCloud.Engine.Model;
using MultiCloud.Engine.Tests.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Models
{
    public sealed class SpecQueriesTests
    {
        [Theory]
        [InlineData("control", NodeRole.Control)]
        [InlineData("compute-az", NodeRole.Compute)]
        [InlineData("onprem", NodeRole.Compute)]
        [InlineData("lb", NodeRole.LoadBalancer)]
        [InlineData("gpu", null)]
        [InlineData("Control", null)]
        public void RoleOf_Pool_FollowsWhereTheClusterListsIt(string pool, NodeRole? expected)
        {
            Assert.Equal(expected, SpecQueries.RoleOf(ClusterSpecs.Hybrid(), pool));
        }

        [Fact]
        public void RoleOf_PoolDefinedButListedNowhere_Null()
        {
            var spec = ClusterSpecs.Hybrid() with { NodePools = ClusterSpecs.Hybrid().NodePools.Append(ClusterSpecs.StaticPool("spare", "192.0.2.9")).ToList() };

            Assert.Null(SpecQueries.RoleOf(spec, "spare"));
        }

        [Fact]
        public void FindPool_KnownAndUnknownName_PoolOrNull()
        {
            var spec = ClusterSpecs.Hybrid();

            Assert.Same(spec.NodePools[2], SpecQueries.FindPool(spec, "onprem"));
            Assert.Null(SpecQueries.FindPool(spec, "Onprem"));
        }
    }
}
