using System.Xml.Linq;
using Xunit;

namespace MultiCloud.Module.Tests;

/// <summary>MultiCloud.psd1 agrees with the built assembly and the build.</summary>
public sealed class ModuleManifestTests
{
    private readonly ModuleManifestText _manifest = new(ModuleLayout.ModuleManifestPath);

    [Fact]
    public void CmdletsToExport_InManifest_EqualsCmdletsInAssembly()
    {
        var exported = _manifest.List("CmdletsToExport");
        Assert.NotNull(exported);
        Assert.Equal(CmdletAssembly.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("CmdletsToExport")]
    [InlineData("FunctionsToExport")]
    [InlineData("VariablesToExport")]
    [InlineData("AliasesToExport")]
    public void ExportList_InManifest_IsExplicitWithoutWildcards(string key)
    {
        var list = _manifest.List(key);
        Assert.NotNull(list);
        Assert.DoesNotContain(list, item => item.Contains('*') || item.Contains('?'));
    }

    [Fact]
    public void ModuleVersion_InManifest_EqualsBuildVersion()
    {
        var buildVersion = XDocument.Load(ModuleLayout.BuildPropsPath).Descendants("Version").Single().Value;
        Assert.Equal(buildVersion, _manifest.Value("ModuleVersion"));
    }

    [Fact]
    public void RootModule_InManifest_IsTheCmdletAssembly() =>
        Assert.Equal(Path.GetFileName(ModuleLayout.CmdletsAssemblyPath), _manifest.Value("RootModule"));

    [Fact]
    public void FormatsToProcess_InManifest_ExistInModuleFolder()
    {
        var formats = _manifest.List("FormatsToProcess");
        Assert.NotNull(formats);
        Assert.NotEmpty(formats);
        Assert.All(formats, f => Assert.True(File.Exists(Path.Combine(ModuleLayout.RepositoryRoot, "module", f)), $"module/{f} is missing"));
    }

    [Fact]
    public void Compatibility_InManifest_IsCoreFromPowerShell74()
    {
        Assert.Equal(new[] { "Core" }, _manifest.List("CompatiblePSEditions"));
        Assert.Equal("7.4", _manifest.Value("PowerShellVersion"));
        Assert.Null(_manifest.Value("DotNetFrameworkVersion"));
    }

    [Fact]
    public void Guid_InManifest_IsAGuid() =>
        Assert.True(Guid.TryParse(_manifest.Value("GUID"), out _));
}
