using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    public sealed class ManifestReaderTests
    {
        [Fact]
        public void Parse_BaseManifest_MapsEveryPart()
        {
            var cluster = ManifestFixture.Parse(ManifestFixture.Base).Clusters.Single();

            Assert.Equal("demo", cluster.Name);
            var azure = cluster.Providers[0];
            Assert.Equal(ProviderType.Azure, azure.Type);
            Assert.Equal("sub-1", azure.Settings["subscriptionId"]);
            Assert.Equal(new CredentialRef(CredentialSource.Env, "AZURE_CLIENT_SECRET"), azure.Credentials["clientSecret"]);
            Assert.Empty(cluster.Providers[1].Credentials);

            var compute = (DynamicNodePoolSpec)cluster.NodePools[1];
            Assert.Equal(("compute-aws", "aws-main", "eu-central-1", "m6i.large", "ami-123"), (compute.Name, compute.Provider, compute.Region, compute.ServerType, compute.Image));
            Assert.Null(compute.Count);
            Assert.Equal(new AutoscalerSpec(1, 5), compute.Autoscaler);
            Assert.Equal(new TaintSpec("burst", null, TaintEffect.NoSchedule), compute.Taints.Single());

            var onprem = (StaticNodePoolSpec)cluster.NodePools[3];
            Assert.Equal("onprem-1", onprem.Nodes[0].Name);
            Assert.Equal(2222, onprem.Nodes[1].Port);
            Assert.Equal(new CredentialRef(CredentialSource.File, "~/.ssh/id_ed25519"), onprem.Nodes[1].PrivateKey);

            Assert.Equal(("v1.31.4", "10.250.0.0/16", 1380), (cluster.Kubernetes.Version, cluster.Kubernetes.Network, cluster.Kubernetes.Mtu));
            Assert.Equal(new[] { "control-az", "onprem" }, cluster.Kubernetes.ControlPools);
            Assert.Equal(new[] { "compute-aws" }, cluster.Kubernetes.ComputePools);

            var api = cluster.LoadBalancers.Single();
            Assert.Equal(new[] { "lb-az" }, api.Pools);
            Assert.Equal(("https", LoadBalancerProtocol.Tcp, 443, 30443, false), (api.Roles[1].Name, api.Roles[1].Protocol, api.Roles[1].Port, api.Roles[1].TargetPort, api.Roles[1].ProxyProtocol));
            Assert.Equal(("example.com", "cloudflare-main", "api"), (api.Dns!.Zone, api.Dns.Provider, api.Dns.Hostname));
        }

        [Fact]
        public void Parse_StaticPoolsWrittenBeforeDynamic_ListsDynamicPoolsFirstInFileOrder()
        {
            var result = ManifestFixture.Parse(
                "apiVersion: multicloud.io/v1\nkind: Cluster\nmetadata: { name: order }\nspec:\n  nodePools:\n"
                + "    static:\n      - { name: s1, nodes: [{ endpoint: 192.0.2.1 }] }\n      - { name: s2, nodes: [{ endpoint: 192.0.2.2 }] }\n"
                + "    dynamic:\n      - { name: d1, provider: p, region: r, serverType: t, image: i, count: 1 }\n      - { name: d2, provider: p, region: r, serverType: t, image: i, count: 1 }\n"
                + "  kubernetes: { version: v1.31.4, network: 10.250.0.0/24 }\n");

            Assert.Equal(new[] { "d1", "d2", "s1", "s2" }, result.Clusters.Single().NodePools.Select(p => p.Name));
        }

        [Theory]
        [InlineData("metadata.name", 4, 3)]
        [InlineData("spec.providers[2]", 14, 7)]
        [InlineData("spec.providers[0].credentials.clientSecret", 11, 9)]
        [InlineData("spec.providers[0].settings.subscriptionId", 9, 19)]
        [InlineData("spec.nodePools.dynamic[1].autoscaler.max", 31, 31)]
        [InlineData("spec.nodePools.static[0].nodes[1].port", 46, 13)]
        [InlineData("spec.kubernetes.pools.control[1]", 53, 29)]
        [InlineData("spec.loadBalancers[0].roles[1].port", 64, 11)]
        [InlineData("spec.loadBalancers[0].dns.hostname", 70, 9)]
        public void Parse_EveryField_IsRecordedInTheSourceMapUnderItsNativePath(string path, int line, int column)
        {
            var document = ManifestFixture.Parse(ManifestFixture.Base).Documents.Single();

            Assert.Equal((new SourceLocation(ManifestFixture.FileName, line, column), path), document.Source.Locate(path));
        }

        [Fact]
        public void Parse_TwoDocuments_ReadsBothAndLocatesProblemsInTheSecond()
        {
            var second = ManifestFixture.Edit(("  name: demo", "  name: demo-2"), ("count: 3", "count: -1"));

            var result = ManifestFixture.Parse(ManifestFixture.Base + "---\n" + second);

            Assert.Equal(new[] { "demo", "demo-2" }, result.Clusters.Select(c => c.Name));
            ManifestFixture.AssertOnly(ManifestFixture.At(96, 9, "spec.nodePools.dynamic[0].count", "count -1 is negative", "0 or more"), result);
        }

        [Fact]
        public void Parse_EmptyDocumentsBetweenSeparators_AreSkipped()
        {
            var result = ManifestFixture.Parse("---\n" + ManifestFixture.Base + "---\n---\n");

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
            Assert.Single(result.Clusters);
        }

        [Theory]
        [InlineData("")]
        [InlineData("# nothing here\n")]
        public void Parse_NoDocument_ReportsThatTheFileHoldsNoCluster(string text)
        {
            ManifestFixture.AssertOnly(ManifestFixture.At(1, 1, "(file)", "the file holds no cluster",
                "one or more YAML documents with apiVersion multicloud.io/v1, claudie.io/v1beta1"), ManifestFixture.Parse(text));
        }

        [Fact]
        public void Parse_DocumentThatIsAList_ReportsItAtItsStart()
        {
            ManifestFixture.AssertOnly(ManifestFixture.At(1, 1, "(document)", "a manifest document must be a map, found a list", "apiVersion, kind, metadata, spec"),
                ManifestFixture.Parse("- a\n- b\n"));
        }

        [Fact]
        public void Parse_DuplicateKey_ReportsASyntaxErrorAtTheSecondKey()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("count: 3", "count: 3\n        count: 4")));

            ManifestFixture.AssertOnly(ManifestFixture.At(26, 9, "(syntax)", "invalid YAML: Duplicate key count", "well-formed YAML (check indentation, quotes and brackets)"), result);
            Assert.Empty(result.Documents);
        }

        [Fact]
        public void Parse_BadIndentation_ReportsASyntaxErrorWithItsPosition()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("  name: demo", "  name: demo\n   extra: x")));

            var problem = Assert.Single(result.Diagnostics);
            Assert.Equal(("(syntax)", 5, 9), (problem.FieldPath, problem.Location.Line, problem.Location.Column));
            Assert.StartsWith("invalid YAML: ", problem.Problem);
        }

        [Fact]
        public void Parse_AnchorsAndAliases_ResolveToTheAnchoredValue()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(
                ("image: ubuntu-24.04\n        count: 3", "image: &ubuntu ubuntu-24.04\n        count: 3"),
                ("image: ami-123", "image: *ubuntu")));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
            Assert.Equal("ubuntu-24.04", ((DynamicNodePoolSpec)result.Clusters[0].NodePools[1]).Image);
        }

        [Fact]
        public void Parse_ClaudieApiVersion_IsHandedToTheClaudieImporter()
        {
            var result = ManifestFixture.Parse("apiVersion: claudie.io/v1beta1\nkind: InputManifest\nmetadata: { name: x }\nspec: {}\n");

            Assert.DoesNotContain(result.Diagnostics, d => d.Problem.StartsWith("unknown apiVersion", StringComparison.Ordinal));
        }

        [Fact]
        public void ReadFile_MissingFile_ThrowsManifestNotFoundWithoutDiagnostics()
        {
            var path = Path.Combine(Path.GetTempPath(), "mc-no-such-" + Guid.NewGuid().ToString("N") + ".yaml");

            var error = Assert.Throws<MultiCloudException>(() => ManifestReader.ReadFile(path));

            Assert.IsNotType<ManifestException>(error);
            Assert.Equal((ErrorIds.ManifestNotFound, ErrorKind.NotFound, path), (error.ErrorId, error.Kind, error.Target));
        }

        [Fact]
        public void ReadFile_ExistingFile_ReportsProblemsInThatFile()
        {
            var path = Path.Combine(Path.GetTempPath(), "mc-manifest-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(path, ManifestFixture.Edit(("mtu: 1380", "mtu: 100")));
            try
            {
                var problem = Assert.Single(ManifestReader.ReadFile(path).Diagnostics);

                Assert.Equal(new SourceLocation(path, 51, 5), problem.Location);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void ThrowIfInvalid_WithProblems_ThrowsManifestExceptionCarryingAllOfThem()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("mtu: 1380", "mtu: 100"), ("count: 3", "count: -3")));

            var error = Assert.Throws<ManifestException>(() => result.ThrowIfInvalid());

            Assert.Equal(ErrorIds.ManifestInvalid, error.ErrorId);
            Assert.Equal(result.Diagnostics, error.Diagnostics);
            Assert.Equal(ManifestFixture.FileName, error.Target);
        }

        [Fact]
        public void ThrowIfInvalid_WithoutProblems_ReturnsTheResult()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Base);

            Assert.Same(result, result.ThrowIfInvalid());
        }
    }
}
