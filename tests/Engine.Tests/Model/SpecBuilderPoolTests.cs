using System.Collections;
using MultiCloud.Engine.Model;
using Xunit;

namespace MultiCloud.Engine.Tests.Models
{
    public sealed class SpecBuilderPoolTests
    {
        private static DynamicPoolParameters Dynamic(int? count, int? min, int? max) => new DynamicPoolParameters
        {
            Name = "compute",
            Provider = "hetzner-1",
            Region = "fsn1",
            ServerType = "cx22",
            Image = "ubuntu-24.04",
            Count = count,
            AutoscalerMin = min,
            AutoscalerMax = max,
        };

        private static StaticPoolParameters Static(params string[] endpoints) => new StaticPoolParameters { Name = "onprem", Endpoints = endpoints };

        [Theory]
        [InlineData(3, null, null, 3, null, null)]
        [InlineData(0, null, null, 0, null, null)]
        [InlineData(null, 1, 5, null, 1, 5)]
        [InlineData(null, 0, 0, null, 0, 0)]
        [InlineData(null, null, null, null, null, null)]
        public void DynamicPool_CountOrAutoscaler_SetsExactlyWhatWasGiven(int? count, int? min, int? max, int? expectedCount, int? expectedMin, int? expectedMax)
        {
            var pool = SpecBuilder.DynamicPool(Dynamic(count, min, max));

            Assert.Equal(expectedCount, pool.Count);
            Assert.Equal(expectedMin, pool.Autoscaler?.Min);
            Assert.Equal(expectedMax, pool.Autoscaler?.Max);
        }

        [Theory]
        [InlineData(3, 1, 5, "node pool 'compute': give either a count or autoscaler bounds, not both")]
        [InlineData(3, 1, null, "node pool 'compute': give either a count or autoscaler bounds, not both")]
        [InlineData(3, null, 5, "node pool 'compute': give either a count or autoscaler bounds, not both")]
        [InlineData(null, 1, null, "node pool 'compute': give both the autoscaler minimum and maximum")]
        [InlineData(null, null, 5, "node pool 'compute': give both the autoscaler minimum and maximum")]
        public void DynamicPool_BadSizeCombination_ThrowsInvalidParameter(int? count, int? min, int? max, string message)
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.DynamicPool(Dynamic(count, min, max)), message);
        }

        [Fact]
        public void DynamicPool_AllParameters_CopiedIntoTheSpec()
        {
            var parameters = Dynamic(2, null, null) with
            {
                Zone = "fsn1-dc14",
                DiskSizeGb = 80,
                Metadata = new PoolMetadataParameters
                {
                    Labels = new Hashtable { ["tier"] = "web", ["rank"] = 3 },
                    Taints = new[] { "dedicated=web:NoSchedule", "burst:PreferNoSchedule" },
                    Annotations = new Hashtable { ["owner"] = "team-a" },
                },
            };

            var pool = SpecBuilder.DynamicPool(parameters);

            Assert.Equal(("compute", "hetzner-1", "fsn1", "fsn1-dc14", "cx22", "ubuntu-24.04", 80),
                (pool.Name, pool.Provider, pool.Region, pool.Zone, pool.ServerType, pool.Image, pool.DiskSizeGb));
            Assert.Equal(new Dictionary<string, string> { ["tier"] = "web", ["rank"] = "3" }, pool.Labels);
            Assert.Equal(new[] { new TaintSpec("dedicated", "web", TaintEffect.NoSchedule), new TaintSpec("burst", null, TaintEffect.PreferNoSchedule) }, pool.Taints);
            Assert.Equal(new Dictionary<string, string> { ["owner"] = "team-a" }, pool.Annotations);
        }

        [Fact]
        public void DynamicPool_BadTaint_ThrowsInvalidParameter()
        {
            var parameters = Dynamic(1, null, null) with { Metadata = new PoolMetadataParameters { Taints = new[] { "dedicated" } } };

            Assert.Equal(ErrorIds.InvalidParameter, Assert.Throws<MultiCloudException>(() => SpecBuilder.DynamicPool(parameters)).ErrorId);
        }

        [Fact]
        public void DynamicPool_LabelWithoutValue_ThrowsInvalidParameter()
        {
            var parameters = Dynamic(1, null, null) with { Metadata = new PoolMetadataParameters { Labels = new Hashtable { ["site"] = null } } };

            SpecAssert.InvalidParameter(() => SpecBuilder.DynamicPool(parameters), "-Label: the value of 'site' is empty");
        }

        [Theory]
        [InlineData("host", "host", "root", 22)]
        [InlineData("host:2222", "host", "root", 2222)]
        [InlineData("user@host", "host", "user", 22)]
        [InlineData("user@host:2222", "host", "user", 2222)]
        [InlineData("192.0.2.10:22", "192.0.2.10", "root", 22)]
        [InlineData("worker2.home.arpa", "worker2.home.arpa", "root", 22)]
        [InlineData("2001:db8::10", "2001:db8::10", "root", 22)]
        public void StaticPool_EndpointForm_SplitsUserHostAndPort(string endpoint, string host, string user, int port)
        {
            var node = SpecBuilder.StaticPool(Static(endpoint)).Nodes.Single();

            Assert.Equal((host, user, port), (node.Endpoint, node.User, node.Port));
            Assert.Null(node.PrivateKey);
        }

        [Theory]
        [InlineData("host", "host", "admin", 2200)]
        [InlineData("user@host", "host", "user", 2200)]
        [InlineData("host:22", "host", "admin", 22)]
        [InlineData("user@host:2222", "host", "user", 2222)]
        public void StaticPool_PoolDefaults_UsedWhereTheEndpointGivesNone(string endpoint, string host, string user, int port)
        {
            var parameters = Static(endpoint) with { User = "admin", Port = 2200 };

            var node = SpecBuilder.StaticPool(parameters).Nodes.Single();

            Assert.Equal((host, user, port), (node.Endpoint, node.User, node.Port));
        }

        [Theory]
        [InlineData("host:ssh", "endpoint 'host:ssh' has a port that is not a number")]
        [InlineData("host:", "endpoint 'host:' has a port that is not a number")]
        [InlineData("host:-1", "endpoint 'host:-1' has a port that is not a number")]
        [InlineData("host:99999999999", "endpoint 'host:99999999999' has a port that is not a number")]
        public void StaticPool_BadPort_ThrowsInvalidParameter(string endpoint, string message)
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.StaticPool(Static(endpoint)), message);
        }

        [Fact]
        public void StaticPool_SeveralEndpointsAndKey_OneNodePerEndpointInOrder()
        {
            var parameters = Static("192.0.2.10", "admin@192.0.2.11:2222") with
            {
                PrivateKeyPath = "~/.ssh/onprem",
                Metadata = new PoolMetadataParameters { Labels = new Hashtable { ["site"] = "basement" }, Taints = new[] { "site=basement:NoExecute" } },
            };

            var pool = SpecBuilder.StaticPool(parameters);

            Assert.Equal("onprem", pool.Name);
            Assert.Equal(new[] { ("192.0.2.10", "root", 22), ("192.0.2.11", "admin", 2222) }, pool.Nodes.Select(n => (n.Endpoint, n.User, n.Port)));
            Assert.All(pool.Nodes, n => Assert.Equal(new CredentialRef(CredentialSource.File, "~/.ssh/onprem"), n.PrivateKey));
            Assert.Equal(new Dictionary<string, string> { ["site"] = "basement" }, pool.Labels);
            Assert.Equal(new[] { new TaintSpec("site", "basement", TaintEffect.NoExecute) }, pool.Taints);
            Assert.Empty(pool.Annotations);
        }
    }
}
