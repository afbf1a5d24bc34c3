using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Kubernetes' own syntax for label, annotation and taint keys and for label and taint values (apimachinery's
    /// IsQualifiedName and IsValidLabelValue), so a manifest the API server would refuse is refused here, with the
    /// place, before anything is built. Patterns are ASCII-only and anchored with \z.
    /// </summary>
    public static class KubernetesNames
    {
        public const int MaxNameLength = 63;
        public const int MaxPrefixLength = 253;
        public const int MaxValueLength = 63;

        /// <summary>Kubernetes' limit on the total size of an object's annotations (keys and values), 256 KiB.</summary>
        public const int MaxAnnotationBytes = 256 * 1024;

        public const string KeyRule =
            "an optional DNS subdomain prefix (lowercase, at most 253 characters) and '/', then a name of at most 63 characters: "
            + "letters, digits, '-', '_' and '.', starting and ending with a letter or digit (such as example.com/gpu or tier)";

        public const string ValueRule =
            "empty, or at most 63 characters: letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

        private static readonly Regex NamePattern = new Regex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\z", RegexOptions.CultureInvariant);

        private static readonly Regex SubdomainPattern =
            new Regex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant);

        /// <summary>Null when <paramref name="key"/> is a valid label, annotation or taint key; otherwise what is wrong with it.</summary>
        public static string? KeyProblem(string key)
        {
            if (key.Length == 0) return "is empty";
            var slash = key.IndexOf('/');
            var name = slash < 0 ? key : key.Substring(slash + 1);
            if (slash >= 0)
            {
                var prefix = key.Substring(0, slash);
                if (prefix.Length == 0) return "has an empty prefix before '/'";
                if (prefix.Length > MaxPrefixLength) return "has a prefix of " + Count(prefix.Length) + " characters";
                if (!SubdomainPattern.IsMatch(prefix)) return "has a prefix '" + prefix + "' that is not a lowercase DNS subdomain";
                if (name.IndexOf('/') >= 0) return "has more than one '/'";
            }
            if (name.Length == 0) return "has an empty name";
            if (name.Length > MaxNameLength) return "has a name of " + Count(name.Length) + " characters";
            if (!NamePattern.IsMatch(name)) return "has a name '" + name + "' with characters that are not allowed";
            return null;
        }

        /// <summary>Null when <paramref name="value"/> is a valid label or taint value; otherwise what is wrong with it.</summary>
        public static string? ValueProblem(string value)
        {
            if (value.Length == 0) return null;
            if (value.Length > MaxValueLength) return "is " + Count(value.Length) + " characters long";
            return NamePattern.IsMatch(value) ? null : "has characters that are not allowed";
        }

        private static string Count(int length) => length.ToString(CultureInfo.InvariantCulture);

        public static bool IsKey(string key) => KeyProblem(key) is null;

        public static bool IsValue(string value) => ValueProblem(value) is null;

        /// <summary>The bytes Kubernetes counts for a set of annotations: every key and value in UTF-8.</summary>
        public static long AnnotationBytes(IEnumerable<KeyValuePair<string, string>> annotations)
        {
            long total = 0;
            foreach (var entry in annotations)
                total += Encoding.UTF8.GetByteCount(entry.Key) + Encoding.UTF8.GetByteCount(entry.Value);
            return total;
        }
    }
}
