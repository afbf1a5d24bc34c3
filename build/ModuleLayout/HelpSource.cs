using System.Text;

namespace MultiCloud.Build;

/// <summary>A titled piece of help: an input or output type, or a parameter, with its paragraphs.</summary>
public sealed record HelpTopic(string Title, IReadOnlyList<string> Paragraphs);

public sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);

public sealed record HelpLink(string Text, string Uri);

/// <summary>
/// One cmdlet's help as written in docs/cmdlets/Verb-Noun.md, the one source of the module's help: level-2 sections
/// Synopsis, Description, Parameters (### -Name each), Inputs and Outputs (### Type each), Examples (### title, a
/// fenced code block, then remarks), Notes, Related links (- [text](uri)).
/// </summary>
public sealed record HelpSource(
    string File,
    string Command,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<HelpTopic> Parameters,
    IReadOnlyList<HelpTopic> Inputs,
    IReadOnlyList<HelpTopic> Outputs,
    IReadOnlyList<HelpExample> Examples,
    IReadOnlyList<string> Notes,
    IReadOnlyList<HelpLink> Links)
{
    public static HelpSource Read(string file)
    {
        var sections = HelpMarkdown.Split(System.IO.File.ReadAllLines(file));
        string Section(string name) => sections.TryGetValue(name, out var body) ? body : "";
        var command = sections.Keys.FirstOrDefault(k => k.StartsWith("# ", StringComparison.Ordinal))?.Substring(2).Trim() ?? "";
        return new HelpSource(
            file,
            command,
            string.Join(" ", HelpMarkdown.Paragraphs(Section("Synopsis"))),
            HelpMarkdown.Paragraphs(Section("Description")),
            HelpMarkdown.Topics(Section("Parameters")).Select(t => t with { Title = t.Title.TrimStart('-') }).ToList(),
            HelpMarkdown.Topics(Section("Inputs")),
            HelpMarkdown.Topics(Section("Outputs")),
            HelpMarkdown.Examples(Section("Examples")),
            HelpMarkdown.Paragraphs(Section("Notes")),
            HelpMarkdown.Links(Section("Related links")));
    }

    /// <summary>What keeps this help from describing the cmdlet completely; empty when it does.</summary>
    public IReadOnlyList<string> Problems(CmdletShape cmdlet)
    {
        var problems = new List<string>();
        void Add(string problem) => problems.Add($"{File}: {problem}");
        if (Command != cmdlet.Name) Add($"the title must be '# {cmdlet.Name}'");
        if (Synopsis.Length == 0) Add("no Synopsis");
        if (Description.Count == 0) Add("no Description");
        if (Inputs.Count == 0) Add("no Inputs (write '### None' when nothing is taken from the pipeline)");
        if (Outputs.Count == 0) Add("no Outputs (write '### None' when nothing is written)");
        if (Examples.Count < 2) Add($"{Examples.Count} example(s); every cmdlet has at least two");
        foreach (var example in Examples.Where(e => e.Code.Length == 0)) Add($"example '{example.Title}' has no code block");
        var documented = Parameters.Select(p => p.Title).ToList();
        foreach (var missing in cmdlet.Parameters.Select(p => p.Name).Except(documented)) Add($"parameter -{missing} is not described (### -{missing})");
        foreach (var extra in documented.Except(cmdlet.Parameters.Select(p => p.Name))) Add($"describes -{extra}, which {cmdlet.Name} does not have");
        foreach (var empty in Parameters.Where(p => p.Paragraphs.Count == 0)) Add($"parameter -{empty.Title} has no text");
        return problems;
    }
}

/// <summary>The little markdown the help files use: headings, paragraphs, fenced code, link lists.</summary>
internal static class HelpMarkdown
{
    /// <summary>Level-2 sections by title (the level-1 title is a key of its own, "# Title").</summary>
    public static Dictionary<string, string> Split(IEnumerable<string> lines)
    {
        var sections = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? current = null;
        var body = new StringBuilder();
        var inCode = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            if (!inCode && (line.StartsWith("# ", StringComparison.Ordinal) || line.StartsWith("## ", StringComparison.Ordinal)))
            {
                if (current is not null) sections[current] = body.ToString();
                current = line.StartsWith("# ", StringComparison.Ordinal) ? line.Trim() : line.Substring(3).Trim();
                body.Clear();
                continue;
            }
            body.AppendLine(line);
        }
        if (current is not null) sections[current] = body.ToString();
        return sections;
    }

    /// <summary>Paragraphs: runs of non-blank lines joined with spaces; list items and code lines keep their lines.</summary>
    public static IReadOnlyList<string> Paragraphs(string text)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        void Flush()
        {
            if (current.Count > 0) paragraphs.Add(string.Join(current.Any(IsListItem) ? "\n" : " ", current));
            current.Clear();
        }
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0) Flush();
            else current.Add(line);
        }
        Flush();
        return paragraphs;
    }

    public static IReadOnlyList<HelpTopic> Topics(string text) =>
        Subsections(text).Select(s => new HelpTopic(s.Title, Paragraphs(s.Body))).ToList();

    public static IReadOnlyList<HelpExample> Examples(string text) =>
        Subsections(text).Select(s =>
        {
            var code = new StringBuilder();
            var remarks = new StringBuilder();
            var inCode = false;
            foreach (var line in s.Body.Split('\n').Select(l => l.TrimEnd('\r')))
            {
                if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
                else if (inCode) code.AppendLine(line);
                else remarks.AppendLine(line);
            }
            return new HelpExample(s.Title, code.ToString().TrimEnd(), Paragraphs(remarks.ToString()));
        }).ToList();

    public static IReadOnlyList<HelpLink> Links(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("- [", StringComparison.Ordinal) && l.Contains("](", StringComparison.Ordinal))
            .Select(l => new HelpLink(l.Substring(3, l.IndexOf("](", StringComparison.Ordinal) - 3), l.Substring(l.IndexOf("](", StringComparison.Ordinal) + 2).TrimEnd(')')))
            .ToList();

    private static bool IsListItem(string line) => line.StartsWith("- ", StringComparison.Ordinal);

    private static IEnumerable<(string Title, string Body)> Subsections(string text)
    {
        string? title = null;
        var body = new StringBuilder();
        var inCode = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            if (!inCode && line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (title is not null) yield return (title, body.ToString());
                title = line.Substring(4).Trim();
                body.Clear();
                continue;
            }
            body.AppendLine(line);
        }
        if (title is not null) yield return (title, body.ToString());
    }
}
