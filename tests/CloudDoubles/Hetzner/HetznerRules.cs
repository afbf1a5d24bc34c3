using System.Text.RegularExpressions;

namespace MultiCloud.CloudDoubles.Hetzner;

/// <summary>Hetzner's label rules: keys "[prefix/]name", names and values up to 63 of [a-zA-Z0-9._-] starting and ending alphanumeric (values may be empty).</summary>
public static partial class LabelRules
{
    public static string? Problem(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in labels)
        {
            var name = key.Contains('/') ? key.Substring(key.IndexOf('/') + 1) : key;
            if (!Part().IsMatch(name)) return $"label key '{key}' is invalid";
            if (value.Length > 0 && !Part().IsMatch(value)) return $"label value '{value}' of '{key}' is invalid";
        }
        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$")]
    private static partial Regex Part();
}

/// <summary>RFC 1123 host names, which Hetzner requires of server names.</summary>
public static partial class HostName
{
    public static bool IsValid(string name) => name.Length is > 0 and <= 253 && name.Split('.').All(label => Label().IsMatch(label));

    [GeneratedRegex("^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$")]
    private static partial Regex Label();
}
