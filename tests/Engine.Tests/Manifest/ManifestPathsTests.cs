using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    public sealed class ManifestPathsTests
    {
        private static readonly ClusterSpec Cluster = ManifestWriterTests.ClaudieLikeSpec();

        [Fact]
        public void Pool_DynamicAndStaticPools_AreCountedSeparately()
        {
            Assert.Equal("spec.nodePools.dynamic[1]", ManifestPaths.Pool(Cluster, Cluster.NodePools[1]));
            Assert.Equal("spec.nodePools.static[0]", ManifestPaths.Pool(Cluster, Cluster.NodePools[3]));
        }

        [Fact]
        public void Pool_EqualCopyOfAPool_IsFoundByName()
        {
            var copy = (DynamicNodePoolSpec)Cluster.NodePools[2] with { };

            Assert.Equal("spec.nodePools.dynamic[2]", ManifestPaths.Pool(Cluster, copy));
        }

        [Fact]
        public void Pool_PoolOfAnotherCluster_Throws()
        {
            var stranger = new StaticNodePoolSpec { Name = "stranger" };

            Assert.Throws<ArgumentException>(() => ManifestPaths.Pool(Cluster, stranger));
        }

        [Fact]
        public void Paths_ForEachPart_UseTheNativeVocabulary()
        {
            Assert.Equal("spec.providers[2]", ManifestPaths.Provider(Cluster, Cluster.Providers[2]));
            Assert.Equal("spec.providers[0].credentials.credentials", ManifestPaths.Credential(0, "credentials"));
            Assert.Equal("spec.nodePools.static[0].nodes[1]", ManifestPaths.StaticNode(Cluster, (StaticNodePoolSpec)Cluster.NodePools[3], 1));
            Assert.Equal("spec.loadBalancers[0]", ManifestPaths.LoadBalancer(Cluster, Cluster.LoadBalancers[0]));
            Assert.Equal("spec.loadBalancers[0].roles[1].port", ManifestPaths.Field(ManifestPaths.Role(0, 1), "port"));
            Assert.Equal("spec.loadBalancers[2].dns.alternativeNames[0]", ManifestPaths.Item(ManifestPaths.Field(ManifestPaths.Dns(2), "alternativeNames"), 0));
            Assert.Equal("spec.kubernetes.pools.compute[3]", ManifestPaths.Item(ManifestPaths.ComputePools, 3));
        }
    }
}
