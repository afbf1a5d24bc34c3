using MultiCloud.Engine.Manifest;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>Sizes of dynamic pools, static machines, taints and credential references.</summary>
    public sealed class PoolRulesTests
    {
        private const string CountOrAutoscaler = "exactly one of count or autoscaler";

        public static TheoryData<RuleCase> Cases => RuleCase.Table(
            new RuleCase("count and autoscaler both set", "count: 3", "count: 3\n        autoscaler: { min: 1, max: 3 }",
                26, 9, "spec.nodePools.dynamic[0].autoscaler", "count and autoscaler are both set", CountOrAutoscaler),
            new RuleCase("neither count nor autoscaler", "        count: 3\n", "",
                20, 9, "spec.nodePools.dynamic[0].count", "neither count nor autoscaler is set", CountOrAutoscaler),
            new RuleCase("count negative", "count: 3", "count: -1",
                25, 9, "spec.nodePools.dynamic[0].count", "count -1 is negative", "0 or more"),
            new RuleCase("autoscaler min above max", "{ min: 1, max: 5 }", "{ min: 6, max: 5 }",
                31, 9, "spec.nodePools.dynamic[1].autoscaler", "min 6 is greater than max 5", "min <= max"),
            new RuleCase("autoscaler min negative", "{ min: 1, max: 5 }", "{ min: -1, max: 5 }",
                31, 23, "spec.nodePools.dynamic[1].autoscaler.min", "min -1 is negative", "0 or more"),
            new RuleCase("autoscaler max missing", "{ min: 1, max: 5 }", "{ min: 1 }",
                31, 9, "spec.nodePools.dynamic[1].autoscaler.max", "required field 'max' is missing", "a whole number"),
            new RuleCase("disk size zero", "        count: 1\n", "        count: 1\n        diskSizeGb: 0\n",
                40, 9, "spec.nodePools.dynamic[2].diskSizeGb", "diskSizeGb 0 is not positive", "1 or more"),
            new RuleCase("region empty", "region: eu-central-1", "region: \" \"",
                28, 9, "spec.nodePools.dynamic[1].region", "region is empty", "text"),
            new RuleCase("static endpoint not a host", "endpoint: 192.0.2.10", "endpoint: 'bad host'",
                43, 13, "spec.nodePools.static[0].nodes[0].endpoint", "'bad host' is not an IP address or host name", DnsNames.EndpointRule),
            new RuleCase("static endpoint an incomplete address", "endpoint: 192.0.2.10", "endpoint: 192.0.2",
                43, 13, "spec.nodePools.static[0].nodes[0].endpoint", "'192.0.2' is not an IP address or host name", DnsNames.EndpointRule),
            new RuleCase("static node port zero", "port: 2222", "port: 0",
                46, 13, "spec.nodePools.static[0].nodes[1].port", "port 0 is out of range", "1 to 65535"),
            new RuleCase("static node port too large", "port: 2222", "port: 65536",
                46, 13, "spec.nodePools.static[0].nodes[1].port", "port 65536 is out of range", "1 to 65535"),
            new RuleCase("duplicate static endpoint", new[] { ("endpoint: 192.0.2.11", "endpoint: 192.0.2.10"), ("port: 2222", "port: 22") },
                45, 13, "spec.nodePools.static[0].nodes[1].endpoint", "192.0.2.10 port 22 is already used at line 43 (spec.nodePools.static[0].nodes[0].endpoint)", "each machine once per cluster"),
            new RuleCase("static pool without nodes",
                "        nodes:\n          - endpoint: 192.0.2.10\n            name: onprem-1\n          - endpoint: 192.0.2.11\n            port: 2222\n            privateKey: { file: ~/.ssh/id_ed25519 }\n",
                "        nodes: []\n",
                42, 9, "spec.nodePools.static[0].nodes", "a static pool needs at least one node", "a list of nodes, each with an endpoint"),
            new RuleCase("host key fingerprint not SHA256", "name: onprem-1", "name: onprem-1\n            hostKeyFingerprint: MD5:aa",
                45, 13, "spec.nodePools.static[0].nodes[0].hostKeyFingerprint", "'MD5:aa' is not a SHA256 host key fingerprint", "SHA256:<base64>, as printed by ssh-keygen -lf"),
            new RuleCase("ssh user empty", "name: onprem-1", "name: onprem-1\n            user: \"\"",
                45, 13, "spec.nodePools.static[0].nodes[0].user", "user is empty", SystemNames.UserRule),
            new RuleCase("taint key empty", "{ key: burst, effect", "{ key: \"\", effect",
                33, 15, "spec.nodePools.dynamic[1].taints[0].key", "taint key is empty", KubernetesNames.KeyRule),
            new RuleCase("credential reference empty", "{ env: CF_API_TOKEN }", "{ env: \"\" }",
                17, 21, "spec.providers[2].credentials.apiToken.env", "env reference is empty", "{ env: NAME }, { file: PATH } or { secret: NAME, vault: VAULT }"));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parse_PoolProblem_ReportsItAloneWithPlaceAndAllowedValues(RuleCase ruleCase) => ruleCase.AssertOnly();

        [Fact]
        public void Parse_SameEndpointOnAnotherPort_IsValid()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("endpoint: 192.0.2.11", "endpoint: 192.0.2.10")));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }

        [Fact]
        public void Parse_StaticNodeDefaults_RootOnPort22WithClusterKey()
        {
            var node = ManifestFixture.Parse(ManifestFixture.Base).Clusters[0].NodePools.OfType<Model.StaticNodePoolSpec>().Single().Nodes[0];

            Assert.Equal("root", node.User);
            Assert.Equal(22, node.Port);
            Assert.Null(node.PrivateKey);
            Assert.Null(node.HostKeyFingerprint);
        }
    }
}
