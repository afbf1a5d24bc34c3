using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    public sealed class ManifestWriterTests
    {
        [Theory]
        [InlineData("hybrid")]
        [InlineData("static")]
        public void ToYaml_ShippedExample_ReadsBackToAnEqualValidSpec(string name)
        {
            var original = ManifestReader.Parse(ExampleManifests.Get(name), name + ".yaml").Clusters.Single();

            var reread = ManifestReader.Parse(ManifestWriter.ToYaml(original), "export.yaml");

            Assert.True(reread.IsValid, string.Join("\n", reread.Diagnostics));
            SpecEquivalence.AssertEquivalent(original, reread.Clusters.Single());
        }

        [Fact]
        public void ToYaml_BaseTestManifest_ReadsBackToAnEqualSpec()
        {
            var original = ManifestFixture.Parse(ManifestFixture.Base).Clusters.Single();

            SpecEquivalence.AssertEquivalent(original, ManifestFixture.Parse(ManifestWriter.ToYaml(original)).Clusters.Single());
        }

        [Fact]
        public void ToYaml_ClaudieLikeSpec_ReadsBackToAnEqualValidSpec()
        {
            var original = ClaudieLikeSpec();

            var reread = ManifestReader.Parse(ManifestWriter.ToYaml(original), "export.yaml");

            Assert.True(reread.IsValid, string.Join("\n", reread.Diagnostics));
            SpecEquivalence.AssertEquivalent(original, reread.Clusters.Single());
        }

        [Fact]
        public void ToYaml_TextThatLooksLikeOtherYamlTypes_ReadsBackAsTheSameText()
        {
            var tricky = new[] { "true", "False", "yes", "off", "null", "~", "", "1", "-7", "1.5", ".5", "1e3", "0x1F", "0o17", ".inf", ".NaN", "2024-01-01", "1:30",
                "a: b", "#x", "- y", "*star", "&amp", "!tag", "%p", "@at", "`tick", "{x}", "[y]", "x,y", "'q'", "\"dq\"", " lead", "trail ", "line1\nline2", "tab\there", "ümlaut" };
            // Annotation values may be any text; labels only take Kubernetes' label values, which never look like other types.
            var annotations = tricky.Select((value, i) => (Key: "k" + i, Value: value)).ToDictionary(e => e.Key, e => e.Value);
            var original = ClaudieLikeSpec() with
            {
                NodePools = ClaudieLikeSpec().NodePools.Select((p, i) => i == 0 ? p with { Annotations = annotations } : p).ToList(),
            };

            var reread = ManifestReader.Parse(ManifestWriter.ToYaml(original), "export.yaml");

            Assert.True(reread.IsValid, string.Join("\n", reread.Diagnostics));
            SpecEquivalence.AssertEquivalent(original, reread.Clusters.Single());
        }

        [Fact]
        public void ToYaml_DefaultValues_AreLeftOut()
        {
            var yaml = ManifestWriter.ToYaml(ManifestReader.Parse(ExampleManifests.Get("static"), "static.yaml").Clusters.Single());

            Assert.DoesNotContain("mtu:", yaml);
            Assert.DoesNotContain("user: root", yaml);
            Assert.DoesNotContain("port: 22\n", yaml);
            Assert.DoesNotContain("protocol:", yaml);
            Assert.DoesNotContain("proxyProtocol:", yaml);
            Assert.DoesNotContain("providers:", yaml);
            Assert.DoesNotContain("dynamic:", yaml);
        }

        [Fact]
        public void ToYaml_SeveralClusters_WritesOneDocumentEach()
        {
            var first = ClaudieLikeSpec();
            var second = first with { Name = "second" };

            var yaml = ManifestWriter.ToYaml(new[] { first, second });
            var reread = ManifestReader.Parse(yaml, "export.yaml");

            Assert.True(reread.IsValid, string.Join("\n", reread.Diagnostics));
            Assert.Equal(new[] { first.Name, "second" }, reread.Clusters.Select(c => c.Name));
            Assert.Contains("\n---\n", yaml);
        }

        [Fact]
        public void ToYaml_HybridExample_MatchesGoldenFile()
        {
            var cluster = ManifestReader.Parse(ExampleManifests.Get("hybrid"), "hybrid.yaml").Clusters.Single();

            ManifestGolden.AssertMatches("hybrid.export.yaml", ManifestWriter.ToYaml(cluster));
        }

        /// <summary>The shape a Claudie InputManifest import produces: GCP, Hetzner and Cloudflare providers with vault secrets, autoscaled pools, static nodes with their own keys, a UDP role.</summary>
        internal static ClusterSpec ClaudieLikeSpec() => new ClusterSpec
        {
            Name = "claudie-imported",
            Providers = new[]
            {
                new ProviderSpec
                {
                    Name = "gcp-1", Type = ProviderType.Gcp,
                    Settings = new Dictionary<string, string> { ["project"] = "my-project-123" },
                    Credentials = new Dictionary<string, CredentialRef> { ["credentials"] = new CredentialRef(CredentialSource.Secret, "gcp-secret.credentials", "claudie") },
                },
                new ProviderSpec
                {
                    Name = "hetzner-1", Type = ProviderType.Hetzner,
                    Credentials = new Dictionary<string, CredentialRef> { ["token"] = new CredentialRef(CredentialSource.Secret, "hetzner-secret.token") },
                },
                new ProviderSpec
                {
                    Name = "cloudflare-1", Type = ProviderType.Cloudflare,
                    Credentials = new Dictionary<string, CredentialRef> { ["apiToken"] = new CredentialRef(CredentialSource.Env, "CF_TOKEN") },
                },
            },
            NodePools = new NodePoolSpec[]
            {
                new DynamicNodePoolSpec
                {
                    Name = "control-htz", Provider = "hetzner-1", Region = "nbg1", Zone = "nbg1-dc3", ServerType = "cpx11", Image = "ubuntu-24.04", Count = 3,
                    Labels = new Dictionary<string, string> { ["node.kubernetes.io/exclude-from-external-load-balancers"] = "true" },
                },
                new DynamicNodePoolSpec
                {
                    Name = "compute-gcp", Provider = "gcp-1", Region = "europe-west1", Zone = "europe-west1-b", ServerType = "e2-medium",
                    Image = "ubuntu-os-cloud/ubuntu-2404-lts-amd64", Autoscaler = new AutoscalerSpec(1, 10), DiskSizeGb = 50,
                    Taints = new[] { new TaintSpec("gpu", "true", TaintEffect.NoExecute), new TaintSpec("spot", null, TaintEffect.PreferNoSchedule) },
                    Annotations = new Dictionary<string, string> { ["example.com/owner"] = "team a" },
                },
                new DynamicNodePoolSpec { Name = "lb-htz", Provider = "hetzner-1", Region = "fsn1", ServerType = "cpx11", Image = "ubuntu-24.04", Count = 0 },
                new StaticNodePoolSpec
                {
                    Name = "datacenter",
                    Nodes = new[]
                    {
                        new StaticNodeSpec { Endpoint = "203.0.113.5", PrivateKey = new CredentialRef(CredentialSource.Secret, "static-nodes.dc1-key", "claudie") },
                        new StaticNodeSpec
                        {
                            Endpoint = "dc2.example.net", Name = "dc-2", User = "ubuntu", Port = 2022, PrivateKey = new CredentialRef(CredentialSource.File, "/keys/dc2"),
                            HostKeyFingerprint = "SHA256:VAIRk5YKqsgUqNaX7OBi7XrrtpLVF2EH1StyCm0yMwE",
                        },
                    },
                },
            },
            Kubernetes = new KubernetesSpec
            {
                Version = "v1.30.2", Network = "192.168.2.0/24", Mtu = 1280,
                ControlPools = new[] { "control-htz" }, ComputePools = new[] { "compute-gcp", "datacenter" },
            },
            LoadBalancers = new[]
            {
                new LoadBalancerSpec
                {
                    Name = "apiserver-lb", Pools = new[] { "lb-htz" },
                    Roles = new[]
                    {
                        new RoleSpec { Name = "api", Port = 6443, TargetPort = 6443, TargetPools = new[] { "control-htz" } },
                        new RoleSpec { Name = "dns", Protocol = LoadBalancerProtocol.Udp, Port = 53, TargetPort = 30053, TargetPools = new[] { "compute-gcp", "datacenter" }, ProxyProtocol = true },
                    },
                    Dns = new DnsSpec { Zone = "example.org", Provider = "cloudflare-1", AlternativeNames = new[] { "k8s", "*.apps" } },
                },
            },
        };
    }
}
