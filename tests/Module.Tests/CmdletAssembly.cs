using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;
using Xunit;

namespace MultiCloud.Module.Tests;

/// <summary>
/// The built MultiCloud.Cmdlets.dll read as metadata only (MetadataLoadContext): no PowerShell is needed and no
/// code of the module runs. The engine assembly beside it is read the same way.
/// </summary>
internal static class CmdletAssembly
{
    private const string Automation = "System.Management.Automation.";

    private static readonly Lazy<(IReadOnlyList<CmdletShape> Cmdlets, Assembly Engine)> Loaded = new(Load);

    public static IReadOnlyList<CmdletShape> Cmdlets => Loaded.Value.Cmdlets;

    public static Assembly Engine => Loaded.Value.Engine;

    public static CmdletShape Get(string name) => Cmdlets.Single(c => c.Name == name);

    /// <summary>Cmdlet names as xunit theory data.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var cmdlet in Cmdlets) data.Add(cmdlet.Name);
        return data;
    }

    private static (IReadOnlyList<CmdletShape>, Assembly) Load()
    {
        var folder = Path.GetDirectoryName(ModuleLayout.CmdletsAssemblyPath)!;
        var candidates = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").Concat(Directory.GetFiles(folder, "*.dll"));

        // Kept open for the whole test run: the types it hands out stay readable only while it lives.
        var context = new MetadataLoadContext(new PathAssemblyResolver(candidates));
        var cmdlets = context.LoadFromAssemblyPath(ModuleLayout.CmdletsAssemblyPath).GetTypes()
            .Select(Read).OfType<CmdletShape>().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var engine = context.LoadFromAssemblyPath(Path.Combine(folder, "MultiCloud.Engine.dll"));
        return (cmdlets, engine);
    }

    private static CmdletShape? Read(Type type)
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
        return new ParameterShape(property.Name, property.PropertyType, aliases, sets);
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
