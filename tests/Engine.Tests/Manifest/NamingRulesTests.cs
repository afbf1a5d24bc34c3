using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    public sealed class NamingRulesTests
    {
        private const string Label = "lowercase letters, digits and '-', starting and ending with a letter or digit, 1 to 63 characters";
        private const string PoolLabel = "lowercase letters, digits and '-', starting and ending with a letter or digit, 1 to 40 characters (node names add '-<n>')";
        private static readonly string LongPoolName = "lb-" + new string('a', 38);

        public static TheoryData<RuleCase> Cases => RuleCase.Table(
            new RuleCase("cluster name not a label", "  name: demo", "  name: Demo_1",
                4, 3, "metadata.name", "cluster name 'Demo_1' cannot be used as a DNS label", Label),
            new RuleCase("pool name longer than 40", new[] { ("name: lb-az", "name: " + LongPoolName), ("pools: [lb-az]", "pools: [" + LongPoolName + "]") },
                34, 9, "spec.nodePools.dynamic[2].name", "pool name '" + LongPoolName + "' is 41 characters long", PoolLabel),
            new RuleCase("pool name with capitals", new[] { ("      - name: onprem\n", "      - name: OnPrem\n"), ("[control-az, onprem]", "[control-az, OnPrem]") },
                41, 9, "spec.nodePools.static[0].name", "pool name 'OnPrem' cannot be used as a DNS label", PoolLabel),
            new RuleCase("node name with a dot", "name: onprem-1", "name: onprem.1",
                44, 13, "spec.nodePools.static[0].nodes[0].name", "node name 'onprem.1' cannot be used as a DNS label", Label),
            new RuleCase("load balancer name with capitals", "    - name: api\n", "    - name: API\n",
                56, 7, "spec.loadBalancers[0].name", "load balancer name 'API' cannot be used as a DNS label", Label),
            new RuleCase("role name empty", "name: https", "name: \"\"",
                63, 11, "spec.loadBalancers[0].roles[1].name", "role name is empty", Label),
            new RuleCase("role name ending in a dash", "name: https", "name: https-",
                63, 11, "spec.loadBalancers[0].roles[1].name", "role name 'https-' cannot be used as a DNS label", Label),
            new RuleCase("duplicate provider", new[] { ("- name: aws-main", "- name: azure-main"), ("provider: aws-main", "provider: azure-main") },
                12, 7, "spec.providers[1].name", "provider name 'azure-main' is already used at line 7 (spec.providers[0].name)", "a name no other provider uses"),
            new RuleCase("duplicate pool across dynamic and static", new[] { ("      - name: onprem\n", "      - name: lb-az\n"), ("[control-az, onprem]", "[control-az]") },
                41, 9, "spec.nodePools.static[0].name", "pool name 'lb-az' is already used at line 34 (spec.nodePools.dynamic[2].name)", "a name no other pool uses"),
            new RuleCase("duplicate load balancer",
                new[]
                {
                    ("        hostname: api", "        hostname: api\n    - name: api\n      pools: [onprem]\n      roles:\n        - { name: ssh-alt, port: 2200, targetPort: 22, targetPools: [compute-aws] }"),
                    ("[control-az, onprem]", "[control-az]"),
                },
                71, 7, "spec.loadBalancers[1].name", "load balancer name 'api' is already used at line 56 (spec.loadBalancers[0].name)", "a name no other load balancer uses"),
            new RuleCase("duplicate role in one load balancer", "name: https", "name: api-server",
                63, 11, "spec.loadBalancers[0].roles[1].name", "role name 'api-server' is already used at line 59 (spec.loadBalancers[0].roles[0].name)", "a name no other role uses"),
            new RuleCase("duplicate static node name", "          - endpoint: 192.0.2.11\n", "          - endpoint: 192.0.2.11\n            name: onprem-1\n",
                46, 13, "spec.nodePools.static[0].nodes[1].name", "node name 'onprem-1' is already used at line 44 (spec.nodePools.static[0].nodes[0].name)", "a name no other node uses"),
            new RuleCase("provider name empty", new[] { ("- name: aws-main", "- name: \"\""), ("provider: aws-main", "provider: azure-main") },
                12, 7, "spec.providers[1].name", "provider name is empty", "a name that pools and DNS records refer to"));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parse_NameProblem_ReportsItAloneWithPlaceAndAllowedValues(RuleCase ruleCase) => ruleCase.AssertOnly();

        [Fact]
        public void Parse_PoolNameOfExactly40Characters_IsValid()
        {
            var name = "lb-" + new string('a', 37);
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("name: lb-az", "name: " + name), ("pools: [lb-az]", "pools: [" + name + "]")));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }

        [Fact]
        public void Parse_SameClusterNameInTwoDocuments_ReportsTheSecondPointingAtTheFirst()
        {
            var text = ManifestFixture.Base + "---\n" + ManifestFixture.Base;

            var result = ManifestFixture.Parse(text);

            ManifestFixture.AssertOnly(ManifestFixture.At(75, 3, "metadata.name", "cluster name 'demo' is already used at cluster.yaml:4:3", "a name no other cluster in the file uses"), result);
            Assert.Equal(2, result.Clusters.Count);
        }
    }
}
