using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>Load balancer ports, roles and DNS names.</summary>
    public sealed class LoadBalancerRulesTests
    {
        private const string ListenPorts = "1 to 65535 except 22 (SSH) and 51820 (WireGuard)";
        private const string RecordName = "DNS labels separated by dots, such as api or api.eu";
        private const string ThirdRole = "          targetPools: [compute-aws]\n";

        public static TheoryData<RuleCase> Cases => RuleCase.Table(
            new RuleCase("listen port out of range", "port: 443", "port: 70000",
                64, 11, "spec.loadBalancers[0].roles[1].port", "port 70000 is out of range", ListenPorts),
            new RuleCase("listen port zero", "port: 443", "port: 0",
                64, 11, "spec.loadBalancers[0].roles[1].port", "port 0 is out of range", ListenPorts),
            new RuleCase("listen port reserved for SSH", "port: 443", "port: 22",
                64, 11, "spec.loadBalancers[0].roles[1].port", "port 22 is reserved for SSH on load balancer nodes", ListenPorts),
            new RuleCase("listen port reserved for WireGuard", "port: 443", "port: 51820",
                64, 11, "spec.loadBalancers[0].roles[1].port", "port 51820 is reserved for WireGuard on load balancer nodes", ListenPorts),
            new RuleCase("target port out of range", "targetPort: 30443", "targetPort: 0",
                65, 11, "spec.loadBalancers[0].roles[1].targetPort", "targetPort 0 is out of range", "1 to 65535"),
            new RuleCase("two roles on one port and protocol", ThirdRole,
                ThirdRole + "        - { name: https-alt, port: 443, targetPort: 30444, targetPools: [compute-aws] }\n",
                67, 30, "spec.loadBalancers[0].roles[2].port", "port 443/tcp is already used by role 'https'", "a port and protocol no other role of this load balancer uses"),
            new RuleCase("second API server role", ThirdRole,
                ThirdRole + "        - { name: api-udp, protocol: udp, port: 6443, targetPort: 6443, targetPools: [control-az] }\n",
                67, 43, "spec.loadBalancers[0].roles[2].port", "role 'api-server' of load balancer 'api' already serves the API server", "one role on port 6443 per cluster"),
            new RuleCase("load balancer without roles",
                "      roles:\n        - name: api-server\n          port: 6443\n          targetPort: 6443\n          targetPools: [control-az]\n        - name: https\n          port: 443\n          targetPort: 30443\n          targetPools: [compute-aws]\n",
                "      roles: []\n",
                58, 7, "spec.loadBalancers[0].roles", "a load balancer needs at least one role", "a list of roles with name, port, targetPort and targetPools"),
            new RuleCase("dns zone not a domain", "zone: example.com", "zone: example..com",
                68, 9, "spec.loadBalancers[0].dns.zone", "'example..com' is not a DNS zone name", "a domain such as example.com"),
            new RuleCase("dns hostname not a name", "hostname: api", "hostname: api_server",
                70, 9, "spec.loadBalancers[0].dns.hostname", "'api_server' is not a valid host name", RecordName),
            new RuleCase("dns alternative name not a name", "hostname: api", "hostname: api\n        alternativeNames: [www, 'bad name']",
                71, 33, "spec.loadBalancers[0].dns.alternativeNames[1]", "'bad name' is not a valid host name", RecordName));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parse_LoadBalancerProblem_ReportsItAloneWithPlaceAndAllowedValues(RuleCase ruleCase) => ruleCase.AssertOnly();

        [Fact]
        public void Parse_LoadBalancerWithoutPools_ReportsAtThePoolsList()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("pools: [lb-az]", "pools: []")));

            ManifestFixture.AssertHas(ManifestFixture.At(57, 7, "spec.loadBalancers[0].pools", "a load balancer needs at least one pool", "control-az, compute-aws, lb-az, onprem"), result);
        }

        [Fact]
        public void Parse_UdpRoleOnTheSamePortAsTcpRole_IsValid()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit((ThirdRole,
                ThirdRole + "        - { name: quic, protocol: udp, port: 443, targetPort: 30443, targetPools: [compute-aws] }\n")));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
            Assert.Equal(Model.LoadBalancerProtocol.Udp, result.Clusters[0].LoadBalancers[0].Roles[2].Protocol);
        }
    }
}
