namespace MultiCloud.KubeDoubles.Common;

public enum FlagKind { Bool, String, StringSlice, Int, Duration }

/// <summary>
/// Command-line flags parsed as spf13/pflag does for the real components: --name=value, --name value, a bare
/// --bool, comma-separated repeatable slices, "--" ends flags, and an unknown flag is an error with pflag's text.
/// </summary>
public sealed class FlagSet
{
    private readonly Dictionary<string, FlagKind> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<char, string> _shorthands = new();
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = new();

    public FlagSet Define(string name, FlagKind kind, char? shorthand = null)
    {
        _kinds[name] = kind;
        if (shorthand != null) _shorthands[shorthand.Value] = name;
        return this;
    }

    public FlagSet Define(FlagKind kind, params string[] names)
    {
        foreach (var name in names) Define(name, kind);
        return this;
    }

    public bool IsDefined(string name) => _kinds.ContainsKey(name);

    public FlagSet Parse(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                Positional.AddRange(args.Skip(i + 1));
                break;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                i = ParseLong(args, i);
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                i = ParseShort(args, i);
            }
            else
            {
                Positional.Add(arg);
            }
        }
        return this;
    }

    private int ParseLong(IReadOnlyList<string> args, int i)
    {
        var body = args[i][2..];
        var eq = body.IndexOf('=');
        var name = eq >= 0 ? body[..eq] : body;
        if (!_kinds.TryGetValue(name, out var kind)) throw new CommandException($"unknown flag: --{name}");
        return Take(name, kind, eq >= 0 ? body[(eq + 1)..] : null, args, i, "--" + name);
    }

    private int ParseShort(IReadOnlyList<string> args, int i)
    {
        var body = args[i][1..];
        var letter = body[0];
        if (!_shorthands.TryGetValue(letter, out var name))
            throw new CommandException($"unknown shorthand flag: '{letter}' in -{body}");
        string? inline = body.Length > 1 ? body[1..].TrimStart('=') : null;
        return Take(name, _kinds[name], inline, args, i, "-" + letter);
    }

    private int Take(string name, FlagKind kind, string? inline, IReadOnlyList<string> args, int i, string shown)
    {
        if (kind == FlagKind.Bool)
        {
            var value = inline ?? "true";
            if (value != "true" && value != "false")
                throw new CommandException($"invalid argument \"{value}\" for \"{shown}\" flag: strconv.ParseBool: parsing \"{value}\": invalid syntax");
            Set(name, value);
            return i;
        }
        if (inline == null)
        {
            if (i + 1 >= args.Count) throw new CommandException($"flag needs an argument: {shown}");
            inline = args[++i];
        }
        if (kind == FlagKind.Int && !int.TryParse(inline, out _))
            throw new CommandException($"invalid argument \"{inline}\" for \"{shown}\" flag: strconv.ParseInt: parsing \"{inline}\": invalid syntax");
        if (kind == FlagKind.Duration && GoDuration.TryParse(inline) == null)
            throw new CommandException($"invalid argument \"{inline}\" for \"{shown}\" flag: time: invalid duration \"{inline}\"");
        Set(name, inline);
        return i;
    }

    private void Set(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list)) _values[name] = list = new List<string>();
        if (_kinds[name] == FlagKind.StringSlice) list.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries));
        else { list.Clear(); list.Add(value); }
    }

    public bool Changed(string name) => _values.ContainsKey(name);

    /// <summary>The flags given, in pflag's Visit order (sorted by name).</summary>
    public IEnumerable<string> ChangedNames => _values.Keys.OrderBy(k => k, StringComparer.Ordinal);

    public string? String(string name) => _values.TryGetValue(name, out var v) ? v.LastOrDefault() : null;

    public bool Bool(string name) => String(name) == "true";

    public IReadOnlyList<string> Slice(string name) => _values.TryGetValue(name, out var v) ? v : Array.Empty<string>();
}
