using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MultiCloud.Build;

/// <summary>
/// Writes MAML, the help format Get-Help reads for binary modules (en-US/&lt;assembly&gt;-Help.xml): the prose
/// from the markdown source, the syntax and every parameter's type, position and pipeline binding from the
/// assembly, so neither can drift from the code.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly HelpTopic WhatIf = new("WhatIf", new[] { "Shows what would happen if the cmdlet runs (for a run: the plan, task by task). The cmdlet is not run and nothing changes." });
    private static readonly HelpTopic Confirm = new("Confirm", new[] { "Prompts you for confirmation before running the cmdlet, with the plan it would run." });

    public static XDocument Write(IEnumerable<(CmdletShape Cmdlet, HelpSource Help)> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                commands.Select(c => CommandElement(c.Cmdlet, c.Help))));

    private static XElement CommandElement(CmdletShape cmdlet, HelpSource help)
    {
        var parameters = cmdlet.Parameters.Select(p => (Shape: (ParameterShape?)p, Topic: help.Parameters.Single(t => t.Title == p.Name))).ToList();
        if (cmdlet.SupportsShouldProcess)
        {
            parameters.Add((null, WhatIf));
            parameters.Add((null, Confirm));
        }
        return new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(new[] { help.Synopsis })),
            Description(help.Description),
            new XElement(Command + "syntax", cmdlet.ParameterSets.Select(set => SyntaxItem(cmdlet, set, parameters))),
            new XElement(Command + "parameters", parameters.Select(p => Parameter(p.Shape, p.Topic, p.Shape?.Sets.FirstOrDefault()))),
            new XElement(Command + "inputTypes", help.Inputs.Select(i => TypeElement("inputType", i))),
            new XElement(Command + "returnValues", help.Outputs.Select(o => TypeElement("returnValue", o))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", help.Notes.Select(Para))),
            new XElement(Command + "examples", help.Examples.Select((e, i) => Example(e))),
            new XElement(Command + "relatedLinks", help.Links.Select(l =>
                new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", OnlineOnly(l.Uri))))));
    }

    private static XElement SyntaxItem(CmdletShape cmdlet, string set, IEnumerable<(ParameterShape? Shape, HelpTopic Topic)> parameters) =>
        new(Command + "syntaxItem",
            new XElement(Maml + "name", cmdlet.Name),
            parameters.Select(p => (p.Shape, p.Topic, Membership: p.Shape is null ? null : p.Shape.Sets.FirstOrDefault(s => s.SetName == set || s.SetName == CmdletShape.AllParameterSets)))
                .Where(p => p.Shape is null || p.Membership is not null)
                .OrderBy(p => p.Membership?.Position ?? int.MaxValue)
                .Select(p => Parameter(p.Shape, p.Topic, p.Membership)));

    private static XElement Parameter(ParameterShape? shape, HelpTopic topic, ParameterSetMembership? membership)
    {
        var type = shape?.Type;
        var isSwitch = type is null || type.FullName == "System.Management.Automation.SwitchParameter";
        var pipeline = membership is null ? "False"
            : membership.ValueFromPipeline && membership.ValueFromPipelineByPropertyName ? "True (ByValue, ByPropertyName)"
            : membership.ValueFromPipeline ? "True (ByValue)"
            : membership.ValueFromPipelineByPropertyName ? "True (ByPropertyName)" : "False";
        var typeName = type is null ? "SwitchParameter" : TypeName(type);
        return new XElement(Command + "parameter",
            new XAttribute("required", membership?.Mandatory == true ? "true" : "false"),
            new XAttribute("variableLength", type?.IsArray == true ? "true" : "false"),
            new XAttribute("globbing", shape?.SupportsWildcards == true ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", membership?.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", shape is null || shape.Aliases.Count == 0 ? (topic == WhatIf ? "wi" : topic == Confirm ? "cf" : "none") : string.Join(", ", shape.Aliases)),
            new XElement(Maml + "name", topic.Title),
            Description(topic.Paragraphs),
            isSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), typeName),
            new XElement(Dev + "type", new XElement(Maml + "name", typeName)),
            new XElement(Dev + "defaultValue", isSwitch ? "False" : "None"));
    }

    private static XElement TypeElement(string element, HelpTopic topic) =>
        new(Command + element,
            new XElement(Dev + "type", new XElement(Maml + "name", Plain(topic.Title))),
            Description(topic.Paragraphs));

    private static XElement Example(HelpExample example) =>
        new(Command + "example",
            new XElement(Maml + "title", $"-------------------------- {Plain(example.Title)} --------------------------"),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", example.Remarks.Select(Para)));

    // A link to a neighbouring markdown file means the command of that name; Get-Help shows only web addresses.
    private static string OnlineOnly(string uri) => uri.StartsWith("https://", StringComparison.Ordinal) ? uri : "";

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", paragraphs.Select(Para));

    private static XElement Para(string text) => new(Maml + "para", Plain(text));

    // Get-Help shows text as it is: markdown's `code` and **bold** marks would only be noise there.
    private static string Plain(string text) => Regex.Replace(text.Replace("**", ""), "`([^`]*)`", "$1");

    private static string TypeName(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1") return TypeName(type.GetGenericArguments()[0]);
        return type.IsArray ? TypeName(type.GetElementType()!) + "[]" : type.Name;
    }
}
