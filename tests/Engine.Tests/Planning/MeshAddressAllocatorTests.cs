using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Planning
{
    public class MeshAddressAllocatorTests
    {
        [Theory]
        [InlineData("10.0.0.0/30", new string[0], "10.0.0.1,10.0.0.2")]
        [InlineData("10.0.0.0/24", new[] { "10.0.0.1", "10.0.0.3" }, "10.0.0.2,10.0.0.4")]
        [InlineData("10.0.0.0/23", new string[0], "10.0.0.1,10.0.0.2")]
        [InlineData("192.168.7.9/29", new[] { "192.168.7.9" }, "192.168.7.10,192.168.7.11")]
        public void Allocate_TakenAddresses_GivesTheLowestFreeHosts(string network, string[] taken, string expected)
        {
            var allocator = MeshAddressAllocator.For(network);
            foreach (var address in taken) Assert.True(allocator.Reserve(address));

            var allocated = new[] { allocator.Allocate("a"), allocator.Allocate("b") };

            Assert.Equal(expected, string.Join(",", allocated));
        }

        [Theory]
        [InlineData("10.0.0.0/30", 2)]
        [InlineData("10.0.0.0/31", 0)]
        [InlineData("10.0.0.0/32", 0)]
        [InlineData("10.0.0.0/28", 14)]
        public void Allocate_BeyondTheHostRange_ThrowsMeshNetworkFull(string network, int hosts)
        {
            var allocator = MeshAddressAllocator.For(network);
            for (var i = 0; i < hosts; i++) allocator.Allocate("n" + i);

            var error = Assert.Throws<MultiCloudException>(() => allocator.Allocate("last"));

            Assert.Equal(ErrorIds.MeshNetworkFull, error.ErrorId);
            Assert.Equal("last", error.Target);
        }

        [Fact]
        public void Allocate_SmallNetwork_NeverHandsOutTheBroadcastAddress()
        {
            var allocator = MeshAddressAllocator.For("10.0.0.0/30");
            allocator.Reserve("10.0.0.1");

            Assert.Equal("10.0.0.2", allocator.Allocate("x"));
            Assert.Throws<MultiCloudException>(() => allocator.Allocate("y"));
        }

        [Theory]
        [InlineData("10.0.0.0")]
        [InlineData("10.0.0.0/33")]
        [InlineData("fd00::/64")]
        [InlineData("10.0.0.256/24")]
        [InlineData("")]
        public void For_NotAnIpv4Cidr_ThrowsPlanInputInvalid(string network)
        {
            var error = Assert.Throws<MultiCloudException>(() => MeshAddressAllocator.For(network));

            Assert.Equal(ErrorIds.PlanInputInvalid, error.ErrorId);
        }
    }

    public class NodeNameOrderTests
    {
        [Fact]
        public void Compare_NumberedNames_SortsByNumber()
        {
            var names = new[] { "compute-10", "compute-2", "lb-1", "compute-1", "compute", "compute-az-1" };

            var sorted = names.OrderBy(n => n, NodeNameOrder.Instance);

            Assert.Equal(new[] { "compute", "compute-1", "compute-2", "compute-10", "compute-az-1", "lb-1" }, sorted);
        }

        [Theory]
        [InlineData("compute-3", "compute", 3)]
        [InlineData("compute-az-3", "compute", null)]
        [InlineData("compute-", "compute", null)]
        [InlineData("compute-x1", "compute", null)]
        [InlineData("db-1", "compute", null)]
        public void IndexIn_Name_ReadsThePoolIndex(string name, string pool, int? index)
        {
            Assert.Equal(index, NodeNameOrder.IndexIn(name, pool));
        }
    }
}
