using System.Text.RegularExpressions;

namespace MultiCloud.Engine.Client
{
    /// <summary>PowerShell-style * and ? name patterns, so that both front ends filter the same way.</summary>
    public static class Wildcard
    {
        public static bool HasWildcards(string pattern) => pattern.IndexOfAny(new[] { '*', '?' }) >= 0;

        /// <summary>True when the name matches; a null or empty pattern matches everything. Case-insensitive.</summary>
        public static bool IsMatch(string name, string? pattern)
        {
            if (string.IsNullOrEmpty(pattern)) return true;
            var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "\\z";
            return Regex.IsMatch(name, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }
}
