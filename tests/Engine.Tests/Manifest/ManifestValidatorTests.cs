using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    public sealed class ManifestValidatorTests
    {
        [Fact]
        public void Validate_ValidSpecBuiltInCode_HasNoProblems()
        {
            var document = new ManifestDocument(ManifestWriterTests.ClaudieLikeSpec(), new SourceMap("built.yaml"));

            Assert.Empty(ManifestValidator.Validate(new[] { document }));
        }

        [Fact]
        public void Validate_SpecWithoutPositions_ReportsAtTheTopOfTheFileWithNativePaths()
        {
            var spec = ManifestWriterTests.ClaudieLikeSpec();
            var pools = spec.NodePools.Select((p, i) => i == 0 ? ((DynamicNodePoolSpec)p) with { Count = -2 } : p).ToList();
            var document = new ManifestDocument(spec with { NodePools = pools }, new SourceMap("built.yaml"));

            var problem = Assert.Single(ManifestValidator.Validate(new[] { document }));

            Assert.Equal(new ManifestDiagnostic(new SourceLocation("built.yaml", 1, 1), "spec.nodePools.dynamic[0].count", "count -2 is negative", "0 or more"), problem);
        }

        [Fact]
        public void Validate_SourceMapWithImportedNames_ReportsInTheImportedFilesVocabulary()
        {
            var spec = ManifestWriterTests.ClaudieLikeSpec();
            var pools = spec.NodePools.Select((p, i) => i == 1 ? ((DynamicNodePoolSpec)p) with { Autoscaler = new AutoscalerSpec(4, 2) } : p).ToList();
            var source = new SourceMap("input.yaml");
            source.Add(ManifestPaths.DynamicPool(1), new SourceLocation("input.yaml", 30, 9), "spec.nodePools.dynamic[1]");
            source.Add(ManifestPaths.Field(ManifestPaths.DynamicPool(1), "autoscaler"), new SourceLocation("input.yaml", 36, 11), "spec.nodePools.dynamic[1].autoscaler");
            source.Add("spec.loadBalancers[0].roles[0].port", new SourceLocation("input.yaml", 70, 13), "spec.loadBalancers.roles[0].port");

            var problem = Assert.Single(ManifestValidator.Validate(new[] { new ManifestDocument(spec with { NodePools = pools }, source) }));

            Assert.Equal(new ManifestDiagnostic(new SourceLocation("input.yaml", 36, 11), "spec.nodePools.dynamic[1].autoscaler", "min 4 is greater than max 2", "min <= max"), problem);
        }

        [Fact]
        public void Validate_TwoDocumentsWithOneClusterName_ReportsTheSecond()
        {
            var spec = ManifestWriterTests.ClaudieLikeSpec();
            var first = new SourceMap("a.yaml");
            first.Add(ManifestPaths.MetadataName, new SourceLocation("a.yaml", 4, 3));
            var second = new SourceMap("b.yaml");
            second.Add(ManifestPaths.MetadataName, new SourceLocation("b.yaml", 9, 3));

            var problem = Assert.Single(ManifestValidator.Validate(new[] { new ManifestDocument(spec, first), new ManifestDocument(spec, second) }));

            Assert.Equal(new ManifestDiagnostic(new SourceLocation("b.yaml", 9, 3), "metadata.name", "cluster name 'claudie-imported' is already used at a.yaml:4:3", "a name no other cluster in the file uses"), problem);
        }
    }
}
