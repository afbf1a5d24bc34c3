using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Engine.Tests.Planning
{
    /// <summary>The rules of each pool's firewall follow its role.</summary>
    public sealed class FirewallRulesTests
    {
        private static readonly string[] Peers = { "198.51.100.1/32", "198.51.100.2/32" };

        [Fact]
        public void For_Region_GivesEachPoolSshFromTheOperatorAndWireGuardFromTheNodesAndLoadBalancerPortsOnlyOnLoadBalancerPools()
        {
            var rules = FirewallRules.For(ClusterSpecs.Hybrid(), new CloudRegion("hetzner-1", "fsn1"), Peers);

            Assert.Equal(new[] { "control", "lb" }, rules.Keys);
            Assert.Equal("tcp 22 from 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7, udp 51820 from 198.51.100.1/32 198.51.100.2/32",
                string.Join(", ", rules["control"].Select(FirewallRules.Describe)));
            Assert.Equal("tcp 22 from 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7, udp 51820 from 198.51.100.1/32 198.51.100.2/32, tcp 6443 from 0.0.0.0/0 ::/0",
                string.Join(", ", rules["lb"].Select(FirewallRules.Describe)));
        }

        [Fact]
        public void For_SshAllowedFromSetting_UsesItsNetworks()
        {
            var spec = ClusterSpecs.Hybrid();
            spec = spec with
            {
                Providers = spec.Providers.Select(p => p.Name == "hetzner-1" ? p with { Settings = new Dictionary<string, string> { [SshSources.SettingName] = "203.0.113.0/24, 2001:db8::/48" } } : p).ToList(),
            };

            var rules = FirewallRules.For(spec, new CloudRegion("hetzner-1", "fsn1"), Peers);

            Assert.Equal(new[] { "203.0.113.0/24", "2001:db8::/48" }, rules["control"][0].Sources);
        }

        [Fact]
        public void For_NoNodesYet_LeavesWireGuardClosed()
        {
            var rules = FirewallRules.For(ClusterSpecs.Hybrid(), new CloudRegion("hetzner-1", "fsn1"), Array.Empty<string>());

            Assert.DoesNotContain(rules["control"], rule => rule.Port == FirewallRules.WireGuardPort);
        }

        [Fact]
        public void For_UdpRole_OpensItAsUdp()
        {
            var spec = ClusterSpecs.Hybrid();
            var dnsRole = new RoleSpec { Name = "dns", Protocol = LoadBalancerProtocol.Udp, Port = 53, TargetPort = 30053, TargetPools = new[] { "compute-az" } };
            spec = spec with { LoadBalancers = new[] { spec.LoadBalancers[0] with { Roles = spec.LoadBalancers[0].Roles.Append(dnsRole).ToList() } } };

            var rules = FirewallRules.For(spec, new CloudRegion("hetzner-1", "fsn1"), Peers);

            Assert.Contains(rules["lb"], rule => rule.Protocol == FirewallProtocol.Udp && rule.Port == 53);
        }
    }
}
