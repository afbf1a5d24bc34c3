using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Manifest.Claudie;
using Xunit;
using YamlDotNet.RepresentationModel;
using static MultiCloud.Engine.Tests.Manifest.Claudie.ClaudieFixture;

namespace MultiCloud.Engine.Tests.Manifest.Claudie
{
    /// <summary>Model-level validation of imported clusters speaks the Claudie file: its lines and its field paths.</summary>
    public class ClaudieValidationMappingTests
    {
        public static TheoryData<ClaudieCase> Cases() => ClaudieCase.Table(
            new ClaudieCase("network with host bits", "network: 10.0.0.0/24", "network: 10.0.0.1/24",
                53, 18, "spec.kubernetes.clusters[0].network", "'10.0.0.1/24' has host bits set", "10.0.0.0/24"),
            new ClaudieCase("unsupported version", "version: v1.31.4", "version: 1.20.0",
                52, 18, "spec.kubernetes.clusters[0].version", "Kubernetes v1.20.0 is not supported", "v1.28.x to v1.34.x"),
            new ClaudieCase("version without patch", "version: v1.31.4", "version: v1.31",
                52, 18, "spec.kubernetes.clusters[0].version", "'v1.31' is not a Kubernetes version", "v<major>.<minor>.<patch>, for example v1.31.4"),
            new ClaudieCase("role on the SSH port", "        port: 443\n", "        port: 22\n",
                70, 15, "spec.loadBalancers.roles[1].port", "port 22 is reserved for SSH on load balancer nodes", "1 to 65535 except 22 (SSH) and 51820 (WireGuard)"),
            new ClaudieCase("target port out of range", "targetPort: 30443", "targetPort: 70000",
                71, 21, "spec.loadBalancers.roles[1].targetPort", "targetPort 70000 is out of range", "1 to 65535"),
            new ClaudieCase("autoscaler min above max", "          min: 1\n", "          min: 5\n",
                31, 11, "spec.nodePools.dynamic[1].autoscaler", "min 5 is greater than max 3", "min <= max"),
            new ClaudieCase("count and autoscaler", "          max: 3\n", "          max: 3\n        count: 2\n",
                31, 11, "spec.nodePools.dynamic[1].autoscaler", "count and autoscaler are both set", "exactly one of count or autoscaler"),
            new ClaudieCase("neither count nor autoscaler", "        count: 1\n", string.Empty,
                35, 9, "spec.nodePools.dynamic[2].count", "neither count nor autoscaler is set", "exactly one of count or autoscaler"),
            new ClaudieCase("invalid DNS zone", "dnsZone: example.com", "dnsZone: example_com",
                80, 20, "spec.loadBalancers.clusters[0].dns.dnsZone", "'example_com' is not a DNS zone name", "a domain such as example.com"),
            new ClaudieCase("invalid alternative name", "          hostname: alpha\n", "          hostname: alpha\n          alternativeNames: [ok, not_ok]\n",
                83, 34, "spec.loadBalancers.clusters[0].dns.alternativeNames[1]", "'not_ok' is not a valid host name", "DNS labels separated by dots, such as api or api.eu"),
            new ClaudieCase("static endpoint", "endpoint: 192.0.2.10", "endpoint: not_a_host",
                45, 23, "spec.nodePools.static[0].nodes[0].endpoint", "'not_a_host' is not an IP address or host name", DnsNames.EndpointRule),
            new ClaudieCase("pool name with capitals", new[] { ("      - name: lb\n", "      - name: LB\n"), ("          - lb\n", "          - LB\n") },
                35, 15, "spec.nodePools.dynamic[2].name", "pool name 'LB' cannot be used as a DNS label",
                "lowercase letters, digits and '-', starting and ending with a letter or digit, 1 to 40 characters (node names add '-<n>')"),
            new ClaudieCase("API server role on compute pools", "          - control\n      - name: web\n", "          - compute\n      - name: web\n",
                67, 13, "spec.loadBalancers.roles[0].targetPools[0]", "the API server role must target control pools, 'compute' is a compute pool", "control"));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Import_InvalidValue_IsReportedAtTheClaudieField(ClaudieCase row) => row.AssertOnly();

        [Fact]
        public void Import_LegacyTargetRoleWithoutPools_IsReportedAtTheTargetField()
        {
            var result = Parse(Edit(
                ("          compute:\n            - compute\n            - onprem\n", string.Empty),
                ("        targetPools:\n          - compute\n", "        target: k8sComputePlane\n")));

            AssertOnly(At(69, 17, "spec.loadBalancers.roles[1].target", "a role needs at least one target pool", "control"), result);
        }

        [Fact]
        public void Import_SourceMap_PointsNativePathsAtTheClaudieFields()
        {
            var source = ImportDocument(Base).Source;

            AssertLocated(source, "metadata.name", 51, 15, "spec.kubernetes.clusters[0].name");
            AssertLocated(source, "spec.providers[1].credentials.accountId", 15, 15, "spec.providers[1].secretRef.name");
            AssertLocated(source, "spec.providers[0].type", 8, 21, "spec.providers[0].providerType");
            AssertLocated(source, "spec.nodePools.dynamic[1].autoscaler.max", 32, 16, "spec.nodePools.dynamic[1].autoscaler.max");
            AssertLocated(source, "spec.nodePools.dynamic[2].provider", 37, 17, "spec.nodePools.dynamic[2].providerSpec.name");
            AssertLocated(source, "spec.nodePools.static[0].nodes[0].privateKey", 47, 21, "spec.nodePools.static[0].nodes[0].secretRef.name");
            AssertLocated(source, "spec.kubernetes.pools.compute[1]", 59, 15, "spec.kubernetes.clusters[0].pools.compute[1]");
            AssertLocated(source, "spec.loadBalancers[0].roles[1]", 78, 13, "spec.loadBalancers.clusters[0].roles[1]");
            AssertLocated(source, "spec.loadBalancers[0].roles[1].targetPort", 71, 21, "spec.loadBalancers.roles[1].targetPort");
            AssertLocated(source, "spec.loadBalancers[0].dns.zone", 80, 20, "spec.loadBalancers.clusters[0].dns.dnsZone");
            AssertLocated(source, "spec.loadBalancers[0].pools[0]", 85, 13, "spec.loadBalancers.clusters[0].pools[0]");
        }

        [Fact]
        public void Import_SecondCluster_CountsItsPoolsFromZero()
        {
            var result = Load("two-clusters.yaml");
            var staging = result.Documents[1];

            Assert.Equal("staging", staging.Cluster.Name);
            var (location, display) = staging.Source.Locate("spec.nodePools.dynamic[0].serverType");
            Assert.Equal(("spec.nodePools.dynamic[3].serverType", 59), (display, location.Line));
            Assert.Equal("spec.kubernetes.clusters[1].network", staging.Source.Locate("spec.kubernetes.network").DisplayPath);
            Assert.Equal("spec.loadBalancers.roles[0].target", staging.Source.Locate("spec.loadBalancers[0].roles[0].targetPools[0]").DisplayPath);
        }

        private static ManifestDocument ImportDocument(string yaml)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            var diagnostics = new List<ManifestDiagnostic>();
            var documents = ClaudieImporter.Import((YamlMappingNode)stream.Documents[0].RootNode, InlineFile, diagnostics);
            Assert.Empty(diagnostics);
            return Assert.Single(documents);
        }

        private static void AssertLocated(SourceMap source, string nativePath, int line, int column, string display) =>
            Assert.Equal((Line(line, column), display), source.Locate(nativePath));
    }
}
