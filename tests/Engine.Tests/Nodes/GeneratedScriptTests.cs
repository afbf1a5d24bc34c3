using Xunit;

namespace MultiCloud.Engine.Tests.Nodes;

public sealed class GeneratedScriptTests
{
    public static TheoryData<string> ScriptNames => new(GeneratedScripts.All().Keys);

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public void Render_ExampleCluster_MatchesGoldenFile(string name)
    {
        Golden.AssertMatches(name, GeneratedScripts.All()[name]);
    }

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public void Render_ExampleCluster_IsValidBash(string name)
    {
        Assert.Equal("", GeneratedScripts.SyntaxErrors(GeneratedScripts.All()[name]));
    }

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public void Render_ExampleCluster_StartsStrictAndHoldsNoPrivateKey(string name)
    {
        var script = GeneratedScripts.All()[name];

        Assert.Contains("set -euo pipefail\n", script);
        Assert.DoesNotContain("PRIVATE KEY", script);
        Assert.DoesNotContain("set -x", script);
    }
}
