using MultiCloud.Engine.Manifest;
using Xunit;
using static MultiCloud.Engine.Tests.Manifest.Claudie.ClaudieFixture;

namespace MultiCloud.Engine.Tests.Manifest.Claudie
{
    /// <summary>An imported InputManifest exported as a native manifest reads back as the same clusters.</summary>
    public class ClaudieRoundTripTests
    {
        public static TheoryData<string> Manifests() => new TheoryData<string> { "multi-provider.yaml", "legacy-target.yaml", "two-clusters.yaml" };

        [Theory]
        [MemberData(nameof(Manifests))]
        public void Parse_ClaudieManifestExportedAsNative_ReadsBackAsTheSameSpec(string name)
        {
            var imported = LoadValid(name);

            var native = ManifestWriter.ToYaml(imported.Clusters);
            var reread = ManifestReader.Parse(native, "exported.yaml");

            Assert.True(reread.IsValid, "the exported manifest has problems:\n  " + string.Join("\n  ", reread.Diagnostics) + "\n" + native);
            SpecEquivalence.AssertEquivalent(imported.Clusters, reread.Clusters);
        }

        [Theory]
        [MemberData(nameof(Manifests))]
        public void ToYaml_ImportedClaudieManifest_MatchesGoldenNativeManifest(string name)
        {
            var native = ManifestWriter.ToYaml(LoadValid(name).Clusters);

            AssertGolden(Path.ChangeExtension(name, ".native.yaml"), native);
        }
    }
}
