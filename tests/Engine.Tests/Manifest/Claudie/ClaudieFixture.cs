using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest.Claudie
{
    /// <summary>Claudie InputManifests under testdata/claudie, and small inline ones, read through the manifest reader.</summary>
    internal static class ClaudieFixture
    {
        public const string InlineFile = "input.yaml";

        public static string TestDataPath(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", "claudie", name);

        /// <summary>Compares text with a golden file under testdata/claudie; MC_UPDATE_GOLDEN=1 rewrites the source copy instead.</summary>
        public static void AssertGolden(string name, string actual)
        {
            var normalized = actual.Replace("\r\n", "\n");
            if (Environment.GetEnvironmentVariable("MC_UPDATE_GOLDEN") == "1")
            {
                File.WriteAllText(SourceTestDataPath(name), normalized);
                return;
            }
            var path = TestDataPath(name);
            Assert.True(File.Exists(path), "golden file " + name + " is missing; run the tests once with MC_UPDATE_GOLDEN=1");
            Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), normalized);
        }

        private static string SourceTestDataPath(string name, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "testdata", "claudie", name));

        public static ManifestLoadResult Load(string name) => ManifestReader.Parse(File.ReadAllText(TestDataPath(name)), name);

        /// <summary>Reads a file that must be valid, showing every diagnostic when it is not.</summary>
        public static ManifestLoadResult LoadValid(string name)
        {
            var result = Load(name);
            Assert.True(result.IsValid, name + " has problems:\n  " + string.Join("\n  ", result.Diagnostics));
            return result;
        }

        public static ManifestLoadResult Parse(string yaml) => ManifestReader.Parse(yaml, InlineFile);

        /// <summary>testdata/claudie/base.yaml: one valid cluster with every kind of part, the start of each error case.</summary>
        public static string Base => File.ReadAllText(TestDataPath("base.yaml"));

        /// <summary>The base manifest with each (find, replace) edit applied; every find must occur exactly once.</summary>
        public static string Edit(params (string Find, string Replace)[] edits)
        {
            var text = Base;
            foreach (var (find, replace) in edits)
            {
                var first = text.IndexOf(find, StringComparison.Ordinal);
                Assert.True(first >= 0, "edit target not found: " + find);
                Assert.True(text.IndexOf(find, first + 1, StringComparison.Ordinal) < 0, "edit target is not unique: " + find);
                text = text.Substring(0, first) + replace + text.Substring(first + find.Length);
            }
            return text;
        }

        public static ManifestDiagnostic At(int line, int column, string path, string problem, string allowed) =>
            new ManifestDiagnostic(new SourceLocation(InlineFile, line, column), path, problem, allowed);

        public static SourceLocation Line(int line, int column) => new SourceLocation(InlineFile, line, column);

        public static void AssertHas(ManifestDiagnostic expected, ManifestLoadResult result) =>
            Assert.True(result.Diagnostics.Contains(expected),
                "expected:\n  " + expected + "\namong:\n  " + string.Join("\n  ", result.Diagnostics));

        public static void AssertOnly(ManifestDiagnostic expected, ManifestLoadResult result) =>
            Assert.True(result.Diagnostics.Count == 1 && result.Diagnostics[0] == expected,
                "expected only:\n  " + expected + "\nactual:\n  " + string.Join("\n  ", result.Diagnostics));

        public static ClusterSpec Cluster(ManifestLoadResult result, string name) => Assert.Single(result.Clusters, c => c.Name == name);

        public static T Pool<T>(ClusterSpec cluster, string name) where T : NodePoolSpec => Assert.IsType<T>(Assert.Single(cluster.NodePools, p => p.Name == name));

        public static ProviderSpec Provider(ClusterSpec cluster, string name) => Assert.Single(cluster.Providers, p => p.Name == name);

        public static CredentialRef Env(string variable) => new CredentialRef(CredentialSource.Env, variable);
    }
}
