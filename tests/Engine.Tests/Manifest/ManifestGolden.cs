using System.Runtime.CompilerServices;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>Compares text with a golden file under testdata/manifests; MC_UPDATE_GOLDEN=1 rewrites the source copy instead.</summary>
    internal static class ManifestGolden
    {
        public static void AssertMatches(string name, string actual, [CallerFilePath] string caller = "")
        {
            var normalized = actual.Replace("\r\n", "\n");
            if (Environment.GetEnvironmentVariable("MC_UPDATE_GOLDEN") == "1")
            {
                var source = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "testdata", "manifests", name));
                File.WriteAllText(source, normalized);
                return;
            }
            var path = ManifestFixture.TestDataPath(name);
            Assert.True(File.Exists(path), "golden file " + name + " is missing; run the tests once with MC_UPDATE_GOLDEN=1");
            Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), normalized);
        }
    }
}
