using Xunit;

namespace MultiCloud.Engine.Tests.Planning
{
    /// <summary>
    /// Compares text with a file under tests/Engine.Tests/testdata. With MC_UPDATE_GOLDEN=1 the source file is
    /// rewritten instead, so expectations are regenerated, never edited by hand.
    /// </summary>
    internal static class GoldenFile
    {
        public static void AssertMatches(string relativePath, string actual)
        {
            var normalized = actual.Replace("\r\n", "\n");
            if (Environment.GetEnvironmentVariable("MC_UPDATE_GOLDEN") == "1")
            {
                var source = Path.Combine(SourceTestData(), relativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(source)!);
                File.WriteAllText(source, normalized);
                return;
            }
            var path = Path.Combine(AppContext.BaseDirectory, "testdata", relativePath);
            Assert.True(File.Exists(path), $"golden file {relativePath} is missing; run the tests once with MC_UPDATE_GOLDEN=1");
            Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), normalized);
        }

        /// <summary>The testdata folder of the test project's sources, found by walking up from the build output.</summary>
        private static string SourceTestData()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MultiCloud.Engine.Tests.csproj")))
                    return Path.Combine(dir.FullName, "testdata");
            }
            throw new InvalidOperationException("cannot find the MultiCloud.Engine.Tests project folder above " + AppContext.BaseDirectory);
        }
    }
}
