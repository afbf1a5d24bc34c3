using System.Runtime.CompilerServices;
using Xunit;

namespace MultiCloud.Engine.Tests.Nodes;

/// <summary>
/// Compares generated text with a file under tests/Engine.Tests/testdata. With MC_UPDATE_GOLDEN=1 the file is
/// (re)written from the actual text instead; expectations are never edited by hand.
/// </summary>
public static class Golden
{
    public static void AssertMatches(string relativePath, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "testdata", relativePath));
        if (Environment.GetEnvironmentVariable("MC_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with MC_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }
}
