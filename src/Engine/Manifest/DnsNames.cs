using System.Net;
using System.Net.Sockets;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Checks for names that end up in DNS, node names and host names.</summary>
    public static class DnsNames
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

        public const string EndpointRule =
            "an IPv4 address in dotted-decimal form, an IPv6 address (a zone only as an interface name or index, such as fe80::1%eth0), or a DNS host name";

        /// <summary>
        /// IPv4 in dotted-decimal form only (no hex, octal or shortened forms, which tools read differently), or
        /// IPv6 with an optional RFC 4007 zone. RFC 4007 leaves the zone's form to the system; MultiCloud takes
        /// what Linux, macOS and Windows use, an interface name or a numeric index (letters, digits, '_', '.', '-',
        /// at most 15 characters), because the endpoint reaches ssh command lines and WireGuard configuration.
        /// </summary>
        public static bool IsIpAddress(string text)
        {
            if (text.IndexOf(':') < 0) return ValueGrammar.IsIpv4(text);
            var percent = text.IndexOf('%');
            var address = percent < 0 ? text : text.Substring(0, percent);
            if (percent >= 0 && !IsZone(text.Substring(percent + 1))) return false;
            foreach (var c in address)
            {
                var allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
                if (!allowed) return false;
            }
            return IPAddress.TryParse(address, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6;
        }

        private static bool IsZone(string zone)
        {
            if (zone.Length == 0 || zone.Length > 15) return false;
            for (var i = 0; i < zone.Length; i++)
            {
                var c = zone[i];
                var alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!alphanumeric && (i == 0 || (c != '_' && c != '.' && c != '-'))) return false;
            }
            return true;
        }

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
