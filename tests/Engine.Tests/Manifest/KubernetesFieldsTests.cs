using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>The Kubernetes layer's manifest fields: pod and service networks, pinned versions, drain timeout, sources.</summary>
    public class KubernetesFieldsTests
    {
        private const string Fields = "network: 10.250.0.0/16\n" +
            "    podNetwork: 10.32.0.0/16\n" +
            "    serviceNetwork: 10.33.0.0/16\n" +
            "    etcdVersion: v3.5.16\n" +
            "    drainTimeout: 1h30m\n" +
            "    sources:\n" +
            "      packages: https://mirror.example/k8s/v1.31/deb/\n" +
            "      packagesKey: https://mirror.example/k8s/v1.31/deb/Release.key\n" +
            "      downloads: http://10.0.0.1:8080/etcd\n" +
            "      longhorn: https://mirror.example/longhorn";

        public static TheoryData<RuleCase> Cases => RuleCase.Table(
            Case("pod network overlapping the mesh", "podNetwork: 10.250.128.0/17", "spec.kubernetes.podNetwork",
                "pod network 10.250.128.0/17 overlaps the mesh network 10.250.0.0/16", "a network that shares no address with kubernetes.network, such as 10.244.0.0/16"),
            Case("service network overlapping the mesh", "serviceNetwork: 10.250.0.0/15", "spec.kubernetes.serviceNetwork",
                "service network 10.250.0.0/15 overlaps the mesh network 10.250.0.0/16", "a network that shares no address with kubernetes.network, such as 10.96.0.0/12"),
            Case("service network overlapping the pod network", "serviceNetwork: 10.32.16.0/20", "spec.kubernetes.serviceNetwork",
                "service network 10.32.16.0/20 overlaps the pod network 10.32.0.0/16", "a network that shares no address with kubernetes.podNetwork"),
            Case("pod network without room", "podNetwork: 10.32.0.0/23", "spec.kubernetes.podNetwork",
                "pod network 10.32.0.0/23 has room for 2 node pod networks (/24 each) but the cluster can have up to 10 Kubernetes nodes", "a prefix of /20 or shorter"),
            Case("pod network smaller than a node's", "podNetwork: 10.32.0.0/25", "spec.kubernetes.podNetwork",
                "pod network 10.32.0.0/25 is smaller than the /24 one node needs", "a prefix of /24 or shorter, such as /16"),
            Case("pod network not a CIDR", "podNetwork: 10.32.0.0", "spec.kubernetes.podNetwork",
                "'10.32.0.0' is not an IPv4 network in CIDR form", KubernetesRules.NetworkForm),
            Case("service network with host bits", "serviceNetwork: 10.96.0.1/12", "spec.kubernetes.serviceNetwork",
                "'10.96.0.1/12' has host bits set", "10.96.0.0/12"),
            Case("etcd version not a release", "etcdVersion: 3.5", "spec.kubernetes.etcdVersion",
                "'3.5' is not a release version", "v<major>.<minor>.<patch>, for example v3.5.16"),
            Case("drain timeout not a duration", "drainTimeout: soon", "spec.kubernetes.drainTimeout",
                "expected a duration such as 90s, 5m or 1h30m, found text 'soon'", Durations.Form),
            Case("drain timeout of zero", "drainTimeout: 0s", "spec.kubernetes.drainTimeout",
                "the drain timeout must be at least one second", Durations.Form));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parse_KubernetesFieldProblem_ReportsItAloneAtTheField(RuleCase ruleCase) => ruleCase.AssertOnly();

        [Fact]
        public void Parse_SourceThatIsNoUrl_ReportsItAtTheSource()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("network: 10.250.0.0/16", "network: 10.250.0.0/16\n    sources:\n      downloads: ftp://mirror/etcd")));

            ManifestFixture.AssertOnly(ManifestFixture.At(52, 7, "spec.kubernetes.sources.downloads", "'ftp://mirror/etcd' is not a usable URL", KubernetesSourceRules.UrlForm), result);
        }

        [Fact]
        public void Parse_UnknownSource_ReportsTheKnownOnes()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("network: 10.250.0.0/16", "network: 10.250.0.0/16\n    sources:\n      packges: https://mirror/k8s/")));

            ManifestFixture.AssertOnly(ManifestFixture.At(52, 7, "spec.kubernetes.sources.packges", "unknown field 'packges', did you mean 'packages'?",
                "packages, packagesKey, downloads, longhorn"), result);
        }

        [Fact]
        public void Parse_AllFields_ReadsThemAndWritesThemBack()
        {
            var text = ManifestFixture.Edit(("network: 10.250.0.0/16", Fields)) + "  storage:\n    longhornVersion: v1.8.2\n";

            var cluster = Assert.Single(ManifestFixture.Parse(text).Clusters);
            var again = Assert.Single(ManifestReader.Parse(ManifestWriter.ToYaml(cluster), "written.yaml").Clusters);

            var kubernetes = cluster.Kubernetes;
            Assert.Equal(("10.32.0.0/16", "10.33.0.0/16", "v3.5.16", 5400), (kubernetes.PodNetwork, kubernetes.ServiceNetwork, kubernetes.EtcdVersion, kubernetes.DrainTimeoutSeconds));
            Assert.Equal("http://10.0.0.1:8080/etcd", kubernetes.Sources.Downloads);
            Assert.Equal("v1.8.2", cluster.Storage.LonghornVersion);
            Assert.Equal(kubernetes, again.Kubernetes with { ControlPools = kubernetes.ControlPools, ComputePools = kubernetes.ComputePools });
            Assert.Equal(cluster.Storage, again.Storage);
        }

        [Fact]
        public void Parse_NoKubernetesFields_TakesTheDefaultsAndWritesNoneOfThem()
        {
            var cluster = Assert.Single(ManifestFixture.Parse(ManifestFixture.Base).Clusters);

            Assert.Equal(("10.244.0.0/16", "10.96.0.0/12", null, 300), (cluster.Kubernetes.PodNetwork, cluster.Kubernetes.ServiceNetwork, cluster.Kubernetes.EtcdVersion, cluster.Kubernetes.DrainTimeoutSeconds));
            Assert.True(cluster.Kubernetes.Sources.IsDefault);
            var written = ManifestWriter.ToYaml(cluster);
            Assert.DoesNotContain("podNetwork", written);
            Assert.DoesNotContain("sources", written);
            Assert.DoesNotContain("storage", written);
        }

        [Fact]
        public void Parse_ManyNodesWithALargePodNetwork_IsValid()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("count: 3", "count: 300"), ("network: 10.250.0.0/16", "network: 10.250.0.0/16\n    podNetwork: 10.128.0.0/14")));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }

        [Theory]
        [InlineData("90s", 90)]
        [InlineData("5m", 300)]
        [InlineData("1h30m", 5400)]
        [InlineData("1h0m5s", 3605)]
        public void Durations_ReadAndWritten_RoundTrip(string text, int seconds)
        {
            Assert.Equal(seconds, Durations.TryParseSeconds(text));
            Assert.Equal(seconds, Durations.TryParseSeconds(Durations.Format(seconds)));
        }

        [Theory]
        [InlineData("")]
        [InlineData("5")]
        [InlineData("5 m")]
        [InlineData("m5")]
        [InlineData("1d")]
        public void Durations_NotADuration_IsNull(string text) => Assert.Null(Durations.TryParseSeconds(text));

        private static RuleCase Case(string name, string replacement, string path, string problem, string allowed)
        {
            var field = replacement.Substring(0, replacement.IndexOf(':'));
            var lines = Fields.Split('\n').Select(line => line.Trim()).ToList();
            var edited = string.Join("\n", Fields.Split('\n').Select(line => line.Trim().StartsWith(field + ":", StringComparison.Ordinal) ? "    " + replacement : line));
            var line = 50 + lines.FindIndex(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return new RuleCase(name, "network: 10.250.0.0/16", edited, line, 5, path, problem, allowed);
        }
    }
}
