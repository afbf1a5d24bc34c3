using System.Collections;
using MultiCloud.Engine.Model;
using Xunit;

namespace MultiCloud.Engine.Tests.Models
{
    public sealed class SpecBuilderRoleTests
    {
        private const string AllowedKeys = "allowed: Name, Protocol, Port, TargetPort, TargetPools, ProxyProtocol";

        /// <summary>A complete role table; a case-sensitive Hashtable, so the builder itself must ignore key case.</summary>
        private static Hashtable Api() => new Hashtable { ["Name"] = "api", ["Port"] = 6443, ["TargetPort"] = 6443, ["TargetPools"] = "control" };

        private static Hashtable Without(Hashtable table, string key)
        {
            table.Remove(key);
            return table;
        }

        private static Hashtable With(Hashtable table, string key, object? value)
        {
            table[key] = value;
            return table;
        }

        [Fact]
        public void Role_KeysInAnyCase_Read()
        {
            var role = SpecBuilder.Role(new Hashtable
            {
                ["name"] = "https", ["PORT"] = 443, ["targetport"] = "30443", ["TargetPOOLS"] = new object[] { "compute" },
                ["protocol"] = "UDP", ["proxyprotocol"] = true,
            });

            Assert.Equal(("https", LoadBalancerProtocol.Udp, 443, 30443, true), (role.Name, role.Protocol, role.Port, role.TargetPort, role.ProxyProtocol));
            Assert.Equal(new[] { "compute" }, role.TargetPools);
        }

        [Fact]
        public void Role_OptionalKeysMissing_TcpWithoutProxyProtocol()
        {
            var role = SpecBuilder.Role(Api());

            Assert.Equal(LoadBalancerProtocol.Tcp, role.Protocol);
            Assert.False(role.ProxyProtocol);
            Assert.True(role.IsApiServer);
        }

        public static TheoryData<object?, string[]> TargetPoolForms => new TheoryData<object?, string[]>
        {
            { "control", new[] { "control" } },
            { new object[] { "control", "control-2" }, new[] { "control", "control-2" } },
            { new[] { "control" }, new[] { "control" } },
            { new List<string> { "a", "b" }, new[] { "a", "b" } },
            { null, new string[0] },
        };

        [Theory]
        [MemberData(nameof(TargetPoolForms))]
        public void Role_TargetPoolsStringOrArray_BecomesAList(object? targetPools, string[] expected)
        {
            var table = targetPools is null ? Without(Api(), "TargetPools") : With(Api(), "TargetPools", targetPools);

            Assert.Equal(expected, SpecBuilder.Role(table).TargetPools);
        }

        [Fact]
        public void Role_UnknownKey_ThrowsListingItAndTheAllowedKeys()
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.Role(With(Api(), "Weight", 2)),
                "load balancer role has unknown key(s) Weight; " + AllowedKeys);
        }

        [Theory]
        [InlineData("Port")]
        [InlineData("TargetPort")]
        public void Role_PortMissing_ThrowsNamingTheKey(string key)
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.Role(Without(Api(), key)), "load balancer role 'api' needs " + key);
        }

        [Theory]
        [InlineData("Port", "https")]
        [InlineData("TargetPort", "")]
        [InlineData("Port", "99999999999")]
        public void Role_PortNotAWholeNumber_ThrowsNamingTheValue(string key, string value)
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.Role(With(Api(), key, value)),
                "load balancer role 'api': " + key + " '" + value + "' is not a whole number");
        }

        [Fact]
        public void Role_PortAsText_Parsed()
        {
            Assert.Equal(8443, SpecBuilder.Role(With(Api(), "Port", "8443")).Port);
        }

        [Theory]
        [InlineData("sctp")]
        [InlineData("1")]
        public void Role_UnknownProtocol_ThrowsListingTcpAndUdp(string protocol)
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.Role(With(Api(), "Protocol", protocol)),
                "Protocol '" + protocol + "' is not known; allowed: tcp, udp");
        }

        [Fact]
        public void Role_NameMissing_ThrowsInvalidParameter()
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.Role(Without(Api(), "Name")), "load balancer role needs a Name");
        }

        [Fact]
        public void Role_ProxyProtocolNotABoolean_ThrowsInvalidParameter()
        {
            var error = Record.Exception(() => SpecBuilder.Role(With(Api(), "ProxyProtocol", "yes")));

            var engineError = Assert.IsType<MultiCloudException>(error);
            Assert.Equal(ErrorIds.InvalidParameter, engineError.ErrorId);
        }

        [Fact]
        public void LoadBalancer_ZoneAndProvider_BuildsDnsAndRoles()
        {
            var lb = SpecBuilder.LoadBalancer("edge", new[] { "lb" }, new IDictionary[] { Api() }, "example.com", "cloudflare-1", "k8s", new[] { "apps" });

            Assert.Equal("edge", lb.Name);
            Assert.Equal(new[] { "lb" }, lb.Pools);
            Assert.Equal("api", lb.Roles.Single().Name);
            Assert.Equal(("example.com", "cloudflare-1", "k8s"), (lb.Dns!.Zone, lb.Dns.Provider, lb.Dns.Hostname));
            Assert.Equal(new[] { "apps" }, lb.Dns.AlternativeNames);
        }

        [Fact]
        public void LoadBalancer_NoZoneNorProvider_HasNoDns()
        {
            var lb = SpecBuilder.LoadBalancer("edge", new string[0], new IDictionary[] { Api() }, null, null, null, null);

            Assert.Null(lb.Dns);
            Assert.Empty(lb.Pools);
        }

        [Theory]
        [InlineData("example.com", null, "load balancer 'edge': a DNS zone needs a DNS provider")]
        [InlineData(null, "cloudflare-1", "load balancer 'edge': a DNS provider needs a DNS zone")]
        public void LoadBalancer_HalfTheDns_ThrowsInvalidParameter(string? zone, string? provider, string message)
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.LoadBalancer("edge", new[] { "lb" }, new IDictionary[] { Api() }, zone, provider, null, null), message);
        }
    }
}
