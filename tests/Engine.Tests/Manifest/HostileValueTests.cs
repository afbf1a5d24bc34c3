using MultiCloud.Engine.Manifest;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>Values a hostile user would try, each against the real grammar of its field.</summary>
    public sealed class HostileValueTests
    {
        private static void AssertRefused(string find, string replace, string path, string problem, string allowed)
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit((find, replace)));
            var hit = result.Diagnostics.Where(d => d.FieldPath == path).ToList();
            Assert.True(hit.Count == 1 && hit[0].Problem == DisplayText.Escape(problem) && hit[0].Allowed == allowed,
                "expected at " + path + ": " + problem + "\nactual:\n  " + string.Join("\n  ", result.Diagnostics));
        }

        private static void AssertAccepted(string find, string replace)
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit((find, replace)));
            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }

        private const string Endpoint0 = "spec.nodePools.static[0].nodes[0].endpoint";
        private const string User0 = "spec.nodePools.static[0].nodes[0].user";

        [Theory]
        [InlineData("fe80::1%$HOME")]
        [InlineData("fe80::1%x`id`")]
        [InlineData("fe80::1%")]
        [InlineData("fe80::1%averyveryverylongname")]
        [InlineData("0x7f.0.0.1")]
        [InlineData("0177.0.0.1")]
        [InlineData("127.1")]
        [InlineData("2130706433")]
        [InlineData("192.0.2.1 ")]
        [InlineData("[::1]")]
        [InlineData("::1/128")]
        public void Parse_EndpointOutsideItsGrammar_IsRefused(string endpoint) =>
            AssertRefused("endpoint: 192.0.2.10", "endpoint: \"" + endpoint + "\"", Endpoint0, "'" + endpoint + "' is not an IP address or host name", DnsNames.EndpointRule);

        [Theory]
        [InlineData("fe80::1%eth0")]
        [InlineData("fe80::1%2")]
        [InlineData("2001:db8::10")]
        [InlineData("::ffff:192.0.2.7")]
        [InlineData("node-1.example.com")]
        public void Parse_EndpointInItsGrammar_IsAccepted(string endpoint) =>
            AssertAccepted("endpoint: 192.0.2.10", "endpoint: \"" + endpoint + "\"");

        [Theory]
        [InlineData("a\\nb", "a\nb")]
        [InlineData("-oProxyCommand=touch /tmp/x", "-oProxyCommand=touch /tmp/x")]
        [InlineData("$(id)", "$(id)")]
        [InlineData("Admin", "Admin")]
        [InlineData("a b", "a b")]
        [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "abcdefghijklmnopqrstuvwxyz0123456")]
        public void Parse_UserThatIsNoPosixName_IsRefused(string written, string value) =>
            AssertRefused("name: onprem-1", "name: onprem-1\n            user: \"" + written + "\"", User0, "'" + value + "' is not a user name", SystemNames.UserRule);

        [Theory]
        [InlineData("admin")]
        [InlineData("_svc")]
        [InlineData("deploy-bot")]
        [InlineData("machine$")]
        public void Parse_PosixUser_IsAccepted(string user) => AssertAccepted("name: onprem-1", "name: onprem-1\n            user: \"" + user + "\"");

        [Theory]
        [InlineData("A B")]
        [InlineData("1ABC")]
        [InlineData("A-B")]
        [InlineData("$HOME")]
        public void Parse_EnvReferenceThatIsNoVariableName_IsRefused(string name) =>
            AssertRefused("{ env: CF_API_TOKEN }", "{ env: '" + name + "' }", "spec.providers[2].credentials.apiToken.env",
                "'" + name + "' is not an environment variable name", SystemNames.EnvironmentVariableRule);

        [Theory]
        [InlineData("v1.3١.4")]
        [InlineData("v1.31.4\\n")]
        [InlineData("v１.31.4")]
        [InlineData("v1.31.4 ")]
        public void Parse_VersionWithNonAsciiDigitsOrTrailingNewline_IsRefused(string version)
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("version: v1.31.4", "version: \"" + version + "\"")));

            var problem = Assert.Single(result.Diagnostics);
            Assert.Equal("spec.kubernetes.version", problem.FieldPath);
            Assert.EndsWith("is not a Kubernetes version", problem.Problem);
        }

        [Theory]
        [InlineData("count: 3", "count: 10000000", "spec.nodePools.dynamic[0].count", "count 10,000,000 is too large")]
        [InlineData("count: 3", "count: 5001", "spec.nodePools.dynamic[0].count", "count 5,001 is too large")]
        [InlineData("autoscaler: { min: 1, max: 5 }", "autoscaler: { min: 1, max: 2147483647 }", "spec.nodePools.dynamic[1].autoscaler.max", "max 2,147,483,647 is too large")]
        public void Parse_PoolAboveTheNodeLimit_IsRefused(string find, string replace, string path, string problem)
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit((find, replace), ("network: 10.250.0.0/16", "network: 10.0.0.0/8")));

            Assert.Contains(result.Diagnostics, d => d.FieldPath == path && d.Problem == problem && d.Allowed == "at most 5,000 nodes per pool");
        }

        [Fact]
        public void Parse_ClusterAboveTheNodeLimit_IsRefusedAtThePools()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("count: 3", "count: 5000"), ("autoscaler: { min: 1, max: 5 }", "autoscaler: { min: 1, max: 5000 }"),
                ("count: 1", "count: 5000"), ("network: 10.250.0.0/16", "network: 10.0.0.0/8"), ("compute: [compute-aws]", "compute: [compute-aws, extra]"),
                ("    static:", "      - { name: extra, provider: aws-main, region: r, serverType: s, image: i, count: 5000 }\n    static:")));

            Assert.Contains(result.Diagnostics, d => d.FieldPath == "spec.nodePools" && d.Problem == "the pools add up to 20,002 nodes");
        }

        [Theory]
        [InlineData("{ key: burst, effect", "{ key: \"bad key\", effect", "spec.nodePools.dynamic[1].taints[0].key", "taint key 'bad key' has a name 'bad key' with characters that are not allowed")]
        [InlineData("{ key: burst, effect", "{ key: \"Example.com/x\", effect", "spec.nodePools.dynamic[1].taints[0].key", "taint key 'Example.com/x' has a prefix 'Example.com' that is not a lowercase DNS subdomain")]
        [InlineData("{ key: burst, effect", "{ key: \"a/b/c\", effect", "spec.nodePools.dynamic[1].taints[0].key", "taint key 'a/b/c' has more than one '/'")]
        [InlineData("{ key: burst, effect", "{ key: burst, value: \"x;y\", effect", "spec.nodePools.dynamic[1].taints[0].value", "taint value 'x;y' has characters that are not allowed")]
        public void Parse_TaintOutsideKubernetesSyntax_IsRefused(string find, string replace, string path, string problem)
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit((find, replace)));

            var hit = Assert.Single(result.Diagnostics);
            Assert.Equal((path, problem), (hit.FieldPath, hit.Problem));
        }

        [Theory]
        [InlineData("\"$(reboot)\": x", "label key '$(reboot)' has a name '$(reboot)' with characters that are not allowed")]
        [InlineData("tier: \"a b\"", "label value 'a b' has characters that are not allowed")]
        [InlineData("tier: \"-front\"", "label value '-front' has characters that are not allowed")]
        [InlineData("tier: \"line\\nPostUp = x\"", "label value 'line\nPostUp = x' has characters that are not allowed")]
        public void Parse_LabelOutsideKubernetesSyntax_IsRefused(string label, string problem)
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("count: 3", "count: 3\n        labels: { " + label + " }")));

            var hit = Assert.Single(result.Diagnostics);
            Assert.StartsWith("spec.nodePools.dynamic[0].labels.", hit.FieldPath);
            Assert.Equal(DisplayText.Escape(problem), hit.Problem);
        }

        [Fact]
        public void Parse_LabelsAndAnnotationsInKubernetesSyntax_AreAccepted() =>
            AssertAccepted("count: 3", "count: 3\n        labels: { example.com/tier: front-1, zone: \"\" }\n        annotations: { example.com/note: \"any text; even $(this) and\\nnewlines\" }");

        [Fact]
        public void Parse_AnnotationValueWithNul_IsRefused() =>
            AssertRefused("count: 3", "count: 3\n        annotations: { note: \"a\\0b\" }", "spec.nodePools.dynamic[0].annotations.note",
                "annotation value holds a NUL character", NodeMetadataRules.AnnotationValueRule);

        [Fact]
        public void Parse_RegionWithControlCharacters_IsRefused() =>
            AssertRefused("region: eu-central-1", "region: \"eu\\e[2Jcentral\"", "spec.nodePools.dynamic[1].region",
                "region 'eu\u001b[2Jcentral' holds control characters", TextRules.Allowed);
    }
}
