using MultiCloud.Engine.Manifest;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    public sealed class ExampleManifestsTests
    {
        [Fact]
        public void Names_EmbeddedExamples_ListsHybridAndStatic()
        {
            Assert.Equal(new[] { "hybrid", "static" }, ExampleManifests.Names);
        }

        [Theory]
        [InlineData("hybrid")]
        [InlineData("static")]
        public void Get_ShippedExample_ValidatesClean(string name)
        {
            var result = ManifestReader.Parse(ExampleManifests.Get(name), name + ".yaml");

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
            Assert.Single(result.Clusters);
        }

        [Fact]
        public void Get_UnknownName_ThrowsManifestNotFoundNamingTheExamples()
        {
            var error = Assert.Throws<MultiCloudException>(() => ExampleManifests.Get("nope"));

            Assert.Equal(ErrorIds.ManifestNotFound, error.ErrorId);
            Assert.Equal(ErrorKind.NotFound, error.Kind);
            Assert.Equal("there is no example manifest 'nope' (examples: hybrid, static)", error.Message);
        }

        [Fact]
        public void Get_Hybrid_HasTwoAzureSubscriptionsAwsAndAStaticControlPool()
        {
            var cluster = ManifestReader.Parse(ExampleManifests.Get("hybrid"), "hybrid.yaml").Clusters.Single();

            Assert.Equal(2, cluster.Providers.Count(p => p.Type == Model.ProviderType.Azure));
            Assert.Contains(cluster.Providers, p => p.Type == Model.ProviderType.Aws);
            Assert.Contains("onprem", cluster.Kubernetes.ControlPools);
            Assert.Contains(cluster.LoadBalancers.SelectMany(lb => lb.Roles), r => r.IsApiServer);
            Assert.Equal("cloudflare-main", cluster.LoadBalancers.Single().Dns!.Provider);
        }

        [Fact]
        public void Get_Static_IsStaticOnlyWithOneLbTwoControlTwoCompute()
        {
            var cluster = ManifestReader.Parse(ExampleManifests.Get("static"), "static.yaml").Clusters.Single();
            int NodesOf(string pool) => cluster.NodePools.OfType<Model.StaticNodePoolSpec>().Single(p => p.Name == pool).Nodes.Count;

            Assert.All(cluster.NodePools, pool => Assert.IsType<Model.StaticNodePoolSpec>(pool));
            Assert.Empty(cluster.Providers);
            Assert.Equal(1, NodesOf(cluster.LoadBalancers.Single().Pools.Single()));
            Assert.Equal(2, NodesOf(cluster.Kubernetes.ControlPools.Single()));
            Assert.Equal(2, NodesOf(cluster.Kubernetes.ComputePools.Single()));
            Assert.Contains(cluster.LoadBalancers.Single().Roles, r => r.IsApiServer);
        }

        [Fact]
        public void Parse_BaseTestManifest_ValidatesClean()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Base);

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }
    }
}
