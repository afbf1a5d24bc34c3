using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace MultiCloud.Module.Tests;

/// <summary>module/MultiCloud.Format.ps1xml names real engine types and their real properties.</summary>
public sealed class FormatFileTests
{
    private static readonly XDocument Format = XDocument.Load(ModuleLayout.FormatFilePath);

    private static IReadOnlyList<string> ViewedTypeNames =>
        Format.Descendants("TypeName").Select(t => t.Value.Trim()).Distinct().ToList();

    public static TheoryData<string> ViewedTypes()
    {
        var data = new TheoryData<string>();
        foreach (var name in ViewedTypeNames) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ViewedTypes))]
    public void ViewedType_InFormatFile_ExistsInEngineAssembly(string typeName) =>
        Assert.NotNull(CmdletAssembly.Engine.GetType(typeName));

    [Theory]
    [MemberData(nameof(ViewedTypes))]
    public void ViewProperties_InFormatFile_ExistOnTheViewedType(string typeName)
    {
        var type = CmdletAssembly.Engine.GetType(typeName, throwOnError: true)!;
        var view = Format.Descendants("View").Single(v => v.Descendants("TypeName").Any(t => t.Value.Trim() == typeName));
        var missing = view.Descendants("PropertyName").Select(p => p.Value.Trim())
            .Where(p => type.GetProperty(p, BindingFlags.Public | BindingFlags.Instance) is null);
        Assert.Empty(missing);
    }

    [Fact]
    public void OutputTypes_FromTheEngine_EachHaveAView()
    {
        var shown = CmdletAssembly.Cmdlets.SelectMany(c => c.OutputTypes).Select(t => t.FullName!)
            .Where(n => n.StartsWith("MultiCloud.Engine.", StringComparison.Ordinal)).Distinct();
        Assert.All(shown, name => Assert.Contains(name, ViewedTypeNames));
    }
}
