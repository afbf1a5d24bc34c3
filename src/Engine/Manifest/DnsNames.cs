using System.Net;
using System.Net.Sockets;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Checks for names that end up in DNS, node names and host names.</summary>
    internal static class DnsNames
    {
        public const int MaxLabelLength = 63;

        /// <summary>Pool names get "-&lt;n&gt;" appended to form node names, which must stay within one label.</summary>
        public const int MaxPoolNameLength = 40;

        public const string LabelRule = "lowercase letters, digits and '-', starting and ending with a letter or digit";

        /// <summary>A lowercase RFC 1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63 characters.</summary>
        public static bool IsLabel(string text, int maxLength = MaxLabelLength)
        {
            if (text.Length == 0 || text.Length > maxLength) return false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                if (alphanumeric) continue;
                if (c != '-' || i == 0 || i == text.Length - 1) return false;
            }
            return true;
        }

        /// <summary>A host name of dot-separated labels (any letter case), at most 253 characters.</summary>
        public static bool IsHostName(string text)
        {
            if (text.Length == 0 || text.Length > 253) return false;
            foreach (var label in text.Split('.'))
            {
                if (!IsLabel(label.ToLowerInvariant())) return false;
            }
            return true;
        }

        /// <summary>A record name inside a zone; a leading "*" label makes it a wildcard.</summary>
        public static bool IsRecordName(string text) =>
            text.StartsWith("*.", System.StringComparison.Ordinal) ? IsHostName(text.Substring(2)) : text == "*" || IsHostName(text);

        public static bool IsIpAddress(string text) =>
            IPAddress.TryParse(text, out var address)
            && (address.AddressFamily == AddressFamily.InterNetworkV6 || text.Split('.').Length == 4);

        /// <summary>An IP address, or a host name whose last label is not all digits (so a mistyped address like "192.0.2" is refused).</summary>
        public static bool IsEndpoint(string text)
        {
            if (IsIpAddress(text)) return true;
            if (!IsHostName(text)) return false;
            var last = text.Substring(text.LastIndexOf('.') + 1);
            foreach (var c in last)
                if (c < '0' || c > '9') return true;
            return false;
        }
    }
}
