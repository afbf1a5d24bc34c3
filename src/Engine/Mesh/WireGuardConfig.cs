using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

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

        public static string Render(MeshInterface self, IEnumerable<MeshPeer> peers)
        {
            var text = new StringBuilder();
            text.Append("# Managed by MultiCloud: WireGuard full mesh, node ").Append(self.NodeName).Append(". Changes are overwritten.\n");
            text.Append("[Interface]\n");
            text.Append("Address = ").Append(Bare(self.MeshAddress)).Append('/').Append(Number(self.PrefixLength)).Append('\n');
            text.Append("ListenPort = ").Append(Number(ListenPort)).Append('\n');
            text.Append("MTU = ").Append(Number(self.Mtu)).Append('\n');
            text.Append("PrivateKey = ").Append(PrivateKeyMarker).Append('\n');
            foreach (var peer in peers.OrderBy(p => p.NodeName, StringComparer.Ordinal))
            {
                text.Append('\n');
                text.Append("# ").Append(peer.NodeName).Append('\n');
                text.Append("[Peer]\n");
                text.Append("PublicKey = ").Append(peer.PublicKey).Append('\n');
                text.Append("AllowedIPs = ").Append(Bare(peer.MeshAddress)).Append("/32");
                if (peer.PodCidr != null) text.Append(", ").Append(peer.PodCidr);
                text.Append('\n');
                text.Append("Endpoint = ").Append(Endpoint(peer.PublicAddress)).Append('\n');
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

        /// <summary>A mesh address without any prefix length it was stored with.</summary>
        private static string Bare(string address)
        {
            var slash = address.IndexOf('/');
            return slash < 0 ? address : address.Substring(0, slash);
        }

        private static string Endpoint(string host) =>
            (host.IndexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + Number(ListenPort);

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
