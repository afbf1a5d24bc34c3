namespace MultiCloud.CloudDoubles.Hetzner;

/// <summary>
/// Hetzner's label selectors as its API reference describes them: comma-separated expressions, all of which must
/// hold — "k==v" or "k=v" (equals), "k!=v", "k" (present), "!k" (absent).
/// </summary>
public static class LabelSelector
{
    public static bool Matches(string? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (string.IsNullOrEmpty(selector)) return true;
        foreach (var raw in selector.Split(','))
        {
            var expression = raw.Trim();
            if (expression.Length == 0) continue;
            if (!Holds(expression, labels)) return false;
        }
        return true;
    }

    /// <summary>True when the text parses as a selector (the double answers invalid_input otherwise).</summary>
    public static bool IsValid(string selector) =>
        selector.Split(',').Select(e => e.Trim()).All(e => e.Length > 0 && !e.Contains(' ') && !e.StartsWith('=') && !e.EndsWith('!'));

    private static bool Holds(string expression, IReadOnlyDictionary<string, string> labels)
    {
        if (expression.StartsWith('!')) return !labels.ContainsKey(expression.Substring(1));
        var notEquals = expression.IndexOf("!=", StringComparison.Ordinal);
        if (notEquals > 0)
            return !labels.TryGetValue(expression.Substring(0, notEquals), out var value) || value != expression.Substring(notEquals + 2);
        var doubleEquals = expression.IndexOf("==", StringComparison.Ordinal);
        var equals = doubleEquals > 0 ? doubleEquals : expression.IndexOf('=');
        if (equals <= 0) return labels.ContainsKey(expression);
        var key = expression.Substring(0, equals);
        var expected = expression.Substring(equals + (doubleEquals > 0 ? 2 : 1));
        return labels.TryGetValue(key, out var actual) && actual == expected;
    }
}
