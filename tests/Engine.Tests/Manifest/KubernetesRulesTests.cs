using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>Kubernetes version, mesh network and MTU.</summary>
    public sealed class KubernetesRulesTests
    {
        private const string VersionForm = "v<major>.<minor>.<patch>, for example v1.31.4";
        private const string Supported = "v1.28.x to v1.34.x";
        private const string NetworkForm = "an IPv4 network in CIDR form, such as 10.250.0.0/16";

        private static RuleCase Version(string version, string problem, string allowed) =>
            new RuleCase("version " + version, "version: v1.31.4", "version: " + version, 49, 5, "spec.kubernetes.version", problem, allowed);

        private static RuleCase Network(string network, string problem, string allowed) =>
            new RuleCase("network " + network, "network: 10.250.0.0/16", "network: " + network, 50, 5, "spec.kubernetes.network", problem, allowed);

        public static TheoryData<RuleCase> Cases => RuleCase.Table(
            Version("1.31.4", "'1.31.4' is not a Kubernetes version", VersionForm),
            Version("v1.31", "'v1.31' is not a Kubernetes version", VersionForm),
            Version("v1.31.4-rc.1", "'v1.31.4-rc.1' is not a Kubernetes version", VersionForm),
            Version("v1.27.3", "Kubernetes v1.27.3 is not supported", Supported),
            Version("v1.35.0", "Kubernetes v1.35.0 is not supported", Supported),
            Version("v2.31.0", "Kubernetes v2.31.0 is not supported", Supported),
            Network("10.250.0.0", "'10.250.0.0' is not an IPv4 network in CIDR form", NetworkForm),
            Network("10.250.0/16", "'10.250.0/16' is not an IPv4 network in CIDR form", NetworkForm),
            Network("10.250.0.256/16", "'10.250.0.256/16' is not an IPv4 network in CIDR form", NetworkForm),
            Network("10.250.0.0/33", "'10.250.0.0/33' is not an IPv4 network in CIDR form", NetworkForm),
            Network("010.250.0.0/16", "'010.250.0.0/16' is not an IPv4 network in CIDR form", NetworkForm),
            Network("fd00:10::/64", "only IPv4 mesh networks are supported", NetworkForm),
            Network("10.250.0.1/16", "'10.250.0.1/16' has host bits set", "10.250.0.0/16"),
            Network("10.250.0.0/29", "network 10.250.0.0/29 has 6 usable addresses for up to 11 nodes", "a prefix of /28 or shorter"),
            new RuleCase("network too small for an autoscaler maximum", new[] { ("max: 5", "max: 300"), ("network: 10.250.0.0/16", "network: 10.250.0.0/24\n    podNetwork: 10.128.0.0/14") },
                50, 5, "spec.kubernetes.network", "network 10.250.0.0/24 has 254 usable addresses for up to 306 nodes", "a prefix of /23 or shorter"),
            new RuleCase("mtu too small", "mtu: 1380", "mtu: 1000", 51, 5, "spec.kubernetes.mtu", "mtu 1000 is out of range", "1280 to 9000"),
            new RuleCase("mtu too large", "mtu: 1380", "mtu: 9001", 51, 5, "spec.kubernetes.mtu", "mtu 9001 is out of range", "1280 to 9000"));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parse_KubernetesProblem_ReportsItAloneWithPlaceAndAllowedValues(RuleCase ruleCase) => ruleCase.AssertOnly();

        [Theory]
        [InlineData("version: v1.31.4", "version: v1.28.0")]
        [InlineData("version: v1.31.4", "version: v1.34.9")]
        [InlineData("mtu: 1380", "mtu: 1280")]
        [InlineData("mtu: 1380", "mtu: 9000")]
        [InlineData("network: 10.250.0.0/16", "network: 10.250.0.0/28")]
        [InlineData("network: 10.250.0.0/16", "network: 10.250.0.0/16\n    podNetwork: 10.200.0.0/20")]
        public void Parse_ValueAtTheLimit_IsValid(string find, string replace)
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit((find, replace)));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }

        [Fact]
        public void Parse_NoMtu_UsesDefault1380()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("    mtu: 1380\n", "")));

            Assert.Equal(Model.KubernetesSpec.DefaultMtu, result.Clusters[0].Kubernetes.Mtu);
        }
    }
}
