using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MultiCloud.Build;

/// <summary>
/// A built cmdlet assembly read as metadata only (MetadataLoadContext): no PowerShell is needed and no code of the
/// module runs. The assemblies beside it (the engine, System.Management.Automation) are read the same way.
/// </summary>
public sealed class CmdletMetadata : IDisposable
{
    private const string Automation = "System.Management.Automation.";

    private readonly MetadataLoadContext _context;

    private CmdletMetadata(MetadataLoadContext context, IReadOnlyList<CmdletShape> cmdlets, string folder)
    {
        _context = context;
        Cmdlets = cmdlets;
        Folder = folder;
    }

    public IReadOnlyList<CmdletShape> Cmdlets { get; }

    /// <summary>The folder of the cmdlet assembly, where its dependencies are too.</summary>
    public string Folder { get; }

    /// <summary>Another assembly of the folder, such as the engine.</summary>
    public Assembly Load(string assemblyFileName) => _context.LoadFromAssemblyPath(Path.Combine(Folder, assemblyFileName));

    /// <summary>
    /// Reads every cmdlet of the assembly; the types it hands out stay readable until this is disposed.
    /// <paramref name="referenceAssemblies"/> are read beside the folder's own, such as System.Management.Automation
    /// where the folder is a publish folder (which leaves it out).
    /// </summary>
    public static CmdletMetadata Read(string cmdletsAssemblyPath, params string[] referenceAssemblies)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(cmdletsAssemblyPath))!;
        var candidates = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(referenceAssemblies)
            .Concat(Directory.GetFiles(folder, "*.dll", SearchOption.AllDirectories))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase).Select(g => g.Last());
        var context = new MetadataLoadContext(new PathAssemblyResolver(candidates));
        var cmdlets = context.LoadFromAssemblyPath(cmdletsAssemblyPath).GetTypes()
            .Select(ReadCmdlet).OfType<CmdletShape>().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new CmdletMetadata(context, cmdlets, folder);
    }

    public void Dispose() => _context.Dispose();

    private static CmdletShape? ReadCmdlet(Type type)
    {
        var cmdlet = Attributes(type.GetCustomAttributesData(), "CmdletAttribute").SingleOrDefault();
        if (cmdlet is null) return null;
        return new CmdletShape(
            type,
            (string)cmdlet.ConstructorArguments[0].Value!,
            (string)cmdlet.ConstructorArguments[1].Value!,
            Named(cmdlet, "SupportsShouldProcess", false),
            (ConfirmImpactLevel)Named(cmdlet, "ConfirmImpact", (int)ConfirmImpactLevel.Medium),
            Named<string?>(cmdlet, "DefaultParameterSetName", null),
            Attributes(type.GetCustomAttributesData(), "OutputTypeAttribute").SelectMany(OutputTypes).ToList(),
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(ReadParameter).OfType<ParameterShape>().ToList());
    }

    private static ParameterShape? ReadParameter(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var sets = Attributes(attributes, "ParameterAttribute").Select(p => new ParameterSetMembership(
            Named(p, "ParameterSetName", CmdletShape.AllParameterSets),
            Named(p, "Mandatory", false),
            Position(p),
            Named(p, "ValueFromPipeline", false),
            Named(p, "ValueFromPipelineByPropertyName", false))).ToList();
        if (sets.Count == 0) return null;
        var aliases = Attributes(attributes, "AliasAttribute").SelectMany(a => Strings(a.ConstructorArguments[0])).ToList();
        var wildcards = Attributes(attributes, "SupportsWildcardsAttribute").Any();
        return new ParameterShape(property.Name, property.PropertyType, aliases, sets, wildcards);
    }

    // PowerShell's "no position" is int.MinValue.
    private static int? Position(CustomAttributeData parameter) =>
        Named(parameter, "Position", int.MinValue) is var position && position != int.MinValue ? position : null;

    private static IEnumerable<Type> OutputTypes(CustomAttributeData outputType) =>
        outputType.ConstructorArguments[0].Value is ReadOnlyCollection<CustomAttributeTypedArgument> types
            ? types.Select(t => t.Value).OfType<Type>()
            : Enumerable.Empty<Type>();

    private static IEnumerable<string> Strings(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => (string)i.Value!) : new[] { (string)argument.Value! };

    private static IEnumerable<CustomAttributeData> Attributes(IEnumerable<CustomAttributeData> attributes, string name) =>
        attributes.Where(a => a.AttributeType.FullName == Automation + name);

    private static T Named<T>(CustomAttributeData attribute, string name, T fallback)
    {
        var argument = attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => (CustomAttributeNamedArgument?)a).SingleOrDefault();
        return argument is null ? fallback : (T)argument.Value.TypedValue.Value!;
    }
}
