using System.Text.RegularExpressions;

namespace MultiCloud.Module.Tests;

/// <summary>
/// Reads the few keys the tests need from MultiCloud.psd1 as text: "Key = 'value'" and "Key = @( 'a' 'b' )".
/// Enough for a manifest kept in that plain shape; there is no PowerShell here to evaluate it.
/// </summary>
internal sealed class ModuleManifestText
{
    private readonly string _text;

    public ModuleManifestText(string path)
    {
        // Comments could hold anything that looks like a key.
        _text = Regex.Replace(File.ReadAllText(path), "#.*$", "", RegexOptions.Multiline);
    }

    public string? Value(string key)
    {
        var match = Regex.Match(_text, @"^\s*" + key + @"\s*=\s*'([^']*)'", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value : null;
    }

    public IReadOnlyList<string>? List(string key)
    {
        var match = Regex.Match(_text, @"^\s*" + key + @"\s*=\s*@\(([^)]*)\)", RegexOptions.Multiline);
        return match.Success ? Regex.Matches(match.Groups[1].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToList() : null;
    }
}
