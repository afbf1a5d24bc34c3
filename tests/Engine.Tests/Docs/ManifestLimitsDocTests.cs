using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Docs;

/// <summary>docs/manifest-limits.md states every limit with the value the engine enforces.</summary>
public sealed class ManifestLimitsDocTests
{
    private static string Doc([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        File.ReadAllText(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "docs", "manifest-limits.md")));

    public static TheoryData<string, string> Limits => new()
    {
        { "manifest file size", ManifestLimits.Number(ManifestLimits.MaxFileBytes) + " bytes" },
        { "nesting of maps and lists", ManifestLimits.MaxDepth + " levels" },
        { "aliases (`*name`) per document", ManifestLimits.Number(ManifestLimits.MaxAliases) },
        { "values per document, aliases expanded", ManifestLimits.Number(ManifestLimits.MaxExpandedNodes) },
        { "nodes per pool", ManifestLimits.Number(ManifestLimits.MaxNodesPerPool) },
        { "nodes per cluster", ManifestLimits.Number(ManifestLimits.MaxNodesPerCluster) },
        { "annotations per pool", ManifestLimits.Number(KubernetesNames.MaxAnnotationBytes) + " bytes" },
        { "free text", TextRules.MaxLength + " characters" },
        { "`state.json`", LocalStateStore.MaxStateBytes / (1024 * 1024) + " MiB" },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void Doc_EveryLimit_StatesTheEnforcedValue(string limit, string value)
    {
        var row = Doc().Split('\n').SingleOrDefault(line => line.StartsWith("| " + limit, StringComparison.Ordinal));

        Assert.True(row != null, "docs/manifest-limits.md has no row for " + limit);
        Assert.Contains("| " + value, row);
    }
}
