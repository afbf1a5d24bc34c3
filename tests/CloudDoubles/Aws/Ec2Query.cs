namespace MultiCloud.CloudDoubles.Aws;

/// <summary>
/// The parameters of one EC2 Query API request ("Action=RunInstances&amp;Version=2016-11-15&amp;TagSpecification.1.Tag.1.Key=…")
/// as a tree: dotted names are paths, numbered segments are list items (1-based, in index order).
/// </summary>
public sealed class Ec2Query
{
    private readonly Dictionary<string, string> values;
    private readonly string prefix;

    public Ec2Query(IReadOnlyDictionary<string, string> parameters) : this(new Dictionary<string, string>(parameters, StringComparer.Ordinal), "")
    {
    }

    private Ec2Query(Dictionary<string, string> values, string prefix)
    {
        this.values = values;
        this.prefix = prefix;
    }

    public string? this[string name] => values.TryGetValue(prefix + name, out var value) ? value : null;

    public string Required(string name) => this[name] ?? throw new Ec2Error(400, "MissingParameter", $"The request must contain the parameter {name}");

    public int? Int(string name) => int.TryParse(this[name], out var value) ? value : null;

    public bool? Bool(string name) => this[name] is { } text ? string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) : null;

    /// <summary>The items of a list parameter ("InstanceId.1", "InstanceId.2" …), each as a sub-query.</summary>
    public IReadOnlyList<Ec2Query> Items(string name)
    {
        var head = prefix + name + ".";
        return values.Keys.Where(k => k.StartsWith(head, StringComparison.Ordinal))
            .Select(k => k[head.Length..].Split('.')[0]).Where(i => int.TryParse(i, out _)).Distinct().OrderBy(int.Parse)
            .Select(i => new Ec2Query(values, head + i + ".")).ToList();
    }

    /// <summary>The values of a list of scalars ("InstanceId.1=i-…", "InstanceId.2=i-…").</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        var head = prefix + name + ".";
        return values.Where(p => p.Key.StartsWith(head, StringComparison.Ordinal) && int.TryParse(p.Key[head.Length..], out _))
            .OrderBy(p => int.Parse(p.Key[head.Length..])).Select(p => p.Value).ToList();
    }

    /// <summary>A structure parameter ("MetadataOptions.HttpTokens") as a sub-query.</summary>
    public Ec2Query Member(string name) => new(values, prefix + name + ".");

    /// <summary>Filter.N.Name / Filter.N.Value.M.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Filters() =>
        Items("Filter").Select(f => (f.Required("Name"), f.Strings("Value"))).ToList();

    /// <summary>The tags a TagSpecification.N with ResourceType gives that type.</summary>
    public Dictionary<string, string> TagsFor(string resourceType)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in Items("TagSpecification").Where(s => s["ResourceType"] == resourceType))
            foreach (var tag in spec.Items("Tag")) tags[tag.Required("Key")] = tag["Value"] ?? "";
        return tags;
    }

    /// <summary>Resource types named in TagSpecification.N.ResourceType.</summary>
    public IReadOnlyList<string> TaggedTypes() => Items("TagSpecification").Select(s => s["ResourceType"] ?? "").ToList();

    /// <summary>Every parameter except the ones named: the fingerprint ClientToken idempotency compares.</summary>
    public string Fingerprint(params string[] except) =>
        string.Join("&", values.Where(p => !except.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
}

/// <summary>An EC2 error answer: HTTP status, code and message as EC2 sends them.</summary>
public sealed class Ec2Error : Exception
{
    public Ec2Error(int status, string code, string message) : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }
    public string Code { get; }
}
