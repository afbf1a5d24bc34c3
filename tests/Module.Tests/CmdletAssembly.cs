using System.Reflection;
using MultiCloud.Build;
using Xunit;

namespace MultiCloud.Module.Tests;

/// <summary>
/// The built MultiCloud.Cmdlets.dll read as metadata only, with the reader the packaging step uses for help: no
/// PowerShell is needed and no code of the module runs. The engine assembly beside it is read the same way.
/// </summary>
internal static class CmdletAssembly
{
    // Kept open for the whole test run: the types it hands out stay readable only while it lives.
    private static readonly Lazy<CmdletMetadata> Metadata = new(() => CmdletMetadata.Read(ModuleLayout.CmdletsAssemblyPath));

    public static IReadOnlyList<CmdletShape> Cmdlets => Metadata.Value.Cmdlets;

    public static Assembly Engine => Metadata.Value.Load("MultiCloud.Engine.dll");

    public static CmdletShape Get(string name) => Cmdlets.Single(c => c.Name == name);

    /// <summary>Cmdlet names as xunit theory data.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var cmdlet in Cmdlets) data.Add(cmdlet.Name);
        return data;
    }
}
