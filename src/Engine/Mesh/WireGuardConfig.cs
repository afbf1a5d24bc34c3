using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Rendering;

namespace MultiCloud.Engine.Mesh
{
    /// <summary>
    /// One mesh member as another member's [Peer] section sees it. A Kubernetes node's pod network rides the same
    /// tunnel: it is in the peer's AllowedIPs, so wg-quick routes it into wg0 (no second overlay).
    /// </summary>
    public sealed record MeshPeer(string NodeName, string PublicKey, string MeshAddress, string PublicAddress, string? PodCidr = null);

    /// <summary>The [Interface] part of a member's wg0.conf.</summary>
    public sealed record MeshInterface(string NodeName, string MeshAddress, int PrefixLength, int Mtu);

    /// <summary>
    /// Renders /etc/wireguard/wg0.conf for one member of the full mesh. The PrivateKey line holds a marker that the
    /// node replaces with its own key, so the text the engine sends holds no secret.
    /// </summary>
    public static class WireGuardConfig
    {
        public const string InterfaceName = "wg0";
        public const string ConfigPath = "/etc/wireguard/wg0.conf";
        public const int ListenPort = 51820;
        public const int PersistentKeepaliveSeconds = 25;
        public const string PrivateKeyMarker = "@MULTICLOUD_PRIVATE_KEY@";

        /// <summary>
        /// The file's text. Every value goes through <see cref="ConfigValue"/>: a key, address or name that is not
        /// exactly that (a key followed by a newline and a PostUp line) fails with UnsafeConfigValue.
        /// </summary>
        public static string Render(MeshInterface self, IEnumerable<MeshPeer> peers)
        {
            var text = new StringBuilder();
            text.Append("# Managed by MultiCloud: WireGuard full mesh, node ").Append(ConfigValue.Label(self.NodeName, "node name")).Append(". Changes are overwritten.\n");
            text.Append("[Interface]\n");
            text.Append("Address = ").Append(MeshAddress(self.MeshAddress, $"mesh address of node {self.NodeName}")).Append('/').Append(Number(self.PrefixLength)).Append('\n');
            text.Append("ListenPort = ").Append(Number(ListenPort)).Append('\n');
            text.Append("MTU = ").Append(Number(self.Mtu)).Append('\n');
            text.Append("PrivateKey = ").Append(PrivateKeyMarker).Append('\n');
            foreach (var peer in peers.OrderBy(p => p.NodeName, StringComparer.Ordinal))
            {
                var name = ConfigValue.Label(peer.NodeName, "peer name");
                text.Append('\n');
                text.Append("# ").Append(name).Append('\n');
                text.Append("[Peer]\n");
                text.Append("PublicKey = ").Append(ConfigValue.WireGuardKey(peer.PublicKey, $"WireGuard public key of peer {name}")).Append('\n');
                text.Append("AllowedIPs = ").Append(MeshAddress(peer.MeshAddress, $"mesh address of peer {name}")).Append("/32");
                if (peer.PodCidr != null) text.Append(", ").Append(ConfigValue.Ipv4Network(peer.PodCidr, $"pod network of peer {name}"));
                text.Append('\n');
                text.Append("Endpoint = ").Append(Endpoint(ConfigValue.Endpoint(peer.PublicAddress, $"public address of peer {name}"))).Append('\n');
                text.Append("PersistentKeepalive = ").Append(Number(PersistentKeepaliveSeconds)).Append('\n');
            }
            return text.ToString();
        }

        /// <summary>The prefix length of a network in CIDR form ("10.100.0.0/16" → 16).</summary>
        public static int PrefixLength(string network)
        {
            var slash = network.IndexOf('/');
            if (slash < 0 || !int.TryParse(network.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > 32)
                throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData, $"the mesh network '{network}' is not an IPv4 network in CIDR form");
            return length;
        }

        /// <summary>A mesh address without any prefix length it was stored with; anything else about it is refused.</summary>
        private static string MeshAddress(string address, string field)
        {
            var slash = address.IndexOf('/');
            var bare = slash < 0 ? address : address.Substring(0, slash);
            var prefix = slash < 0 ? "32" : address.Substring(slash + 1);
            ConfigValue.Require(address, field,
                _ => ValueGrammar.IsIpv4(bare) && prefix.Length is 1 or 2 && prefix.All(c => c >= '0' && c <= '9'), ValueGrammar.Ipv4Rule);
            return bare;
        }

        private static string Endpoint(string host) =>
            (host.IndexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + Number(ListenPort);

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
