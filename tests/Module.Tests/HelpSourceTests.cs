using MultiCloud.Build;
using Xunit;

namespace MultiCloud.Module.Tests;

/// <summary>
/// docs/cmdlets/Verb-Noun.md is the one source of each cmdlet's help (the package turns it into MAML); these tests
/// fail the build early where Pester's Get-Help tests would fail later.
/// </summary>
public sealed class HelpSourceTests
{
    public static TheoryData<string> Cmdlets() => CmdletAssembly.Names();

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void HelpSource_EveryCmdlet_DescribesEveryParameterWithTwoExamples(string name)
    {
        var folder = Path.Combine(ModuleLayout.RepositoryRoot, "docs", "cmdlets");
        HelpFiles.Read(folder, new[] { CmdletAssembly.Get(name) }, out var problems);
        Assert.Empty(problems);
    }

    [Fact]
    public void MamlWriter_ParameterInTwoSets_AppearsInEachSyntaxWithItsPosition()
    {
        var cmdlet = CmdletAssembly.Get("Get-MCPlan");
        var help = HelpFiles.Read(Path.Combine(ModuleLayout.RepositoryRoot, "docs", "cmdlets"), new[] { cmdlet }, out _);
        var maml = MamlWriter.Write(help).ToString();
        Assert.Equal(cmdlet.ParameterSets.Count, System.Text.RegularExpressions.Regex.Matches(maml, "<command:syntaxItem>").Count);
        Assert.Contains("<maml:name>Until</maml:name>", maml);
    }
}
