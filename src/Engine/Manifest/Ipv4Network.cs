using System.Globalization;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>An IPv4 network in CIDR form, parsed strictly: the address must be the network address itself, as a manifest must write it.</summary>
    internal readonly struct Ipv4Network
    {
        private Ipv4Network(uint address, int prefixLength)
        {
            Address = address;
            PrefixLength = prefixLength;
        }

        public uint Address { get; }
        public int PrefixLength { get; }

        public uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);
        public bool HasHostBits => (Address & ~Mask) != 0;
        public Ipv4Network Normalized => new Ipv4Network(Address & Mask, PrefixLength);

        /// <summary>Addresses nodes can use: all but the network and broadcast address.</summary>
        public long UsableHostCount => System.Math.Max(0L, (1L << (32 - PrefixLength)) - 2);

        public static bool TryParse(string text, out Ipv4Network network)
        {
            network = default;
            var slash = text.IndexOf('/');
            if (slash < 0) return false;
            if (!TryParsePrefix(text.Substring(slash + 1), out var prefix)) return false;
            var octets = text.Substring(0, slash).Split('.');
            if (octets.Length != 4) return false;
            uint address = 0;
            foreach (var octet in octets)
            {
                if (!TryParseOctet(octet, out var value)) return false;
                address = (address << 8) | value;
            }
            network = new Ipv4Network(address, prefix);
            return true;
        }

        /// <summary>True when the two networks share at least one address.</summary>
        public bool Overlaps(Ipv4Network other)
        {
            var mask = PrefixLength < other.PrefixLength ? Mask : other.Mask;
            return (Address & mask) == (other.Address & mask);
        }

        /// <summary>The longest prefix whose network still has room for this many nodes.</summary>
        public static int LongestPrefixFor(long nodes)
        {
            var prefix = 30;
            while (prefix > 0 && (1L << (32 - prefix)) - 2 < nodes) prefix--;
            return prefix;
        }

        public override string ToString() =>
            string.Join(".", (Address >> 24) & 255, (Address >> 16) & 255, (Address >> 8) & 255, Address & 255) + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);

        private static bool TryParsePrefix(string text, out int prefix)
        {
            prefix = 0;
            if (text.Length == 0 || text.Length > 2 || !AllDigits(text)) return false;
            prefix = int.Parse(text, CultureInfo.InvariantCulture);
            return prefix <= 32;
        }

        private static bool TryParseOctet(string text, out uint value)
        {
            value = 0;
            // A leading zero is refused because some tools read it as octal.
            if (text.Length == 0 || text.Length > 3 || !AllDigits(text) || (text.Length > 1 && text[0] == '0')) return false;
            value = uint.Parse(text, CultureInfo.InvariantCulture);
            return value <= 255;
        }

        private static bool AllDigits(string text)
        {
            foreach (var c in text)
                if (c < '0' || c > '9') return false;
            return true;
        }
    }
}
