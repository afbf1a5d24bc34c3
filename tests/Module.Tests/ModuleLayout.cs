using System.Reflection;

namespace MultiCloud.Module.Tests;

/// <summary>Where the repository and the built cmdlet assembly are, as recorded by the test project at build time.</summary>
internal static class ModuleLayout
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string CmdletsAssemblyPath { get; } = Metadata("CmdletsAssemblyPath");

    public static string CmdletsSourceFolder => Path.Combine(RepositoryRoot, "src", "Cmdlets");

    public static string ModuleManifestPath => Path.Combine(RepositoryRoot, "MultiCloud.psd1");

    public static string FormatFilePath => Path.Combine(RepositoryRoot, "module", "MultiCloud.Format.ps1xml");

    public static string BuildPropsPath => Path.Combine(RepositoryRoot, "Directory.Build.props");

    private static string Metadata(string key) =>
        typeof(ModuleLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"the test project did not record {key}");
}
