using System.Xml;

namespace MultiCloud.Build;

/// <summary>
/// dotnet run --project build/ModuleLayout -- REPOSITORY PUBLISH_FOLDER MODULE_FOLDER VERSION
/// Lays out MODULE_FOLDER as the module users import: the manifest (version stamped), the cmdlet and loader assemblies
/// at the root, every other assembly the publish folder holds under dependencies/ (the module's own AssemblyLoadContext loads them
/// from there, whatever the engine comes to depend on), format file, help generated from docs/cmdlets, LICENSE.
/// </summary>
public static class Program
{
    private const string CmdletsAssembly = "MultiCloud.Cmdlets.dll";

    // The module's own assemblies stay at its root; everything else is a dependency.
    private static readonly string[] ModuleAssemblies = { CmdletsAssembly, "MultiCloud.Loader.dll" };

    // PowerShell brings its own; the copy in the publish folder is the compile-time reference.
    private const string PowerShellAssembly = "System.Management.Automation.dll";

    public static int Main(string[] args)
    {
        if (args.Length != 4)
        {
            Console.Error.WriteLine("usage: ModuleLayout REPOSITORY PUBLISH_FOLDER MODULE_FOLDER VERSION");
            return 2;
        }
        var (repository, publish, module, version) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), Path.GetFullPath(args[2]), args[3]);
        // The publish folder leaves out PowerShell's reference assembly; the build output beside the project has it.
        var powerShell = Directory.GetFiles(Path.Combine(repository, "src", "Cmdlets", "bin"), PowerShellAssembly, SearchOption.AllDirectories);
        using var metadata = CmdletMetadata.Read(Path.Combine(publish, CmdletsAssembly), powerShell.Take(1).ToArray());
        var help = HelpFiles.Read(Path.Combine(repository, "docs", "cmdlets"), metadata.Cmdlets, out var problems);
        if (problems.Count > 0)
        {
            foreach (var problem in problems) Console.Error.WriteLine("help: " + problem);
            return 1;
        }

        if (Directory.Exists(module)) Directory.Delete(module, recursive: true);
        var dependencies = Directory.CreateDirectory(Path.Combine(module, "dependencies")).FullName;
        foreach (var file in Directory.GetFiles(publish, "*.dll"))
        {
            var name = Path.GetFileName(file);
            if (name == PowerShellAssembly) continue;
            File.Copy(file, Path.Combine(ModuleAssemblies.Contains(name) ? module : dependencies, name));
        }
        // Platform-specific builds of dependencies, which IsolatedLoadContext prefers on their platform.
        CopyFolder(Path.Combine(publish, "runtimes"), Path.Combine(dependencies, "runtimes"));
        CopyFolder(Path.Combine(repository, "module"), module);
        foreach (var file in new[] { "LICENSE", "CHANGELOG.md" }) File.Copy(Path.Combine(repository, file), Path.Combine(module, file));
        File.WriteAllText(Path.Combine(module, "MultiCloud.psd1"), ModuleManifest.Stamp(File.ReadAllText(Path.Combine(repository, "MultiCloud.psd1")), version));

        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using (var writer = XmlWriter.Create(Path.Combine(module, "en-US", CmdletsAssembly + "-Help.xml"), settings))
        {
            MamlWriter.Write(help).Save(writer);
        }
        Console.WriteLine($"packaged {module}");
        return 0;
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}

/// <summary>
/// The help source of every cmdlet, checked against the cmdlet. Parameters that mean the same everywhere
/// (-StateDirectory, -Until, -AsJob, …) are described once in _parameters.md; a cmdlet's own file may still say more.
/// </summary>
public static class HelpFiles
{
    public const string SharedParametersFile = "_parameters.md";

    public static IReadOnlyList<(CmdletShape Cmdlet, HelpSource Help)> Read(string folder, IEnumerable<CmdletShape> cmdlets, out IReadOnlyList<string> problems)
    {
        var shared = HelpMarkdown.Topics(HelpMarkdown.Split(File.ReadAllLines(Path.Combine(folder, SharedParametersFile)))
            .GetValueOrDefault("Parameters", "")).Select(t => t with { Title = t.Title.TrimStart('-') }).ToList();
        var found = new List<(CmdletShape, HelpSource)>();
        var all = new List<string>();
        foreach (var cmdlet in cmdlets)
        {
            var file = Path.Combine(folder, cmdlet.Name + ".md");
            if (!File.Exists(file))
            {
                all.Add($"{file}: missing; every exported cmdlet has its help there");
                continue;
            }
            var own = HelpSource.Read(file);
            var inherited = shared.Where(p => cmdlet.Parameter(p.Title) is not null && own.Parameters.All(o => o.Title != p.Title));
            var help = own with { Parameters = own.Parameters.Concat(inherited).ToList() };
            all.AddRange(help.Problems(cmdlet));
            found.Add((cmdlet, help));
        }
        problems = all;
        return found;
    }
}

/// <summary>The module manifest as packaged.</summary>
public static class ModuleManifest
{
    public static string Stamp(string manifest, string version) =>
        System.Text.RegularExpressions.Regex.Replace(manifest, @"ModuleVersion(\s*)=\s*'[^']*'", m => $"ModuleVersion{m.Groups[1].Value}= '{version}'");
}
