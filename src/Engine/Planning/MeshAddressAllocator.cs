using System.Collections.Generic;
using System.Globalization;
using MultiCloud.Engine.Manifest;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Hands out mesh addresses from the cluster network: the lowest host address (never the network or broadcast
    /// address) that no node holds. Addresses of nodes being removed stay taken for the whole plan, so a leaving
    /// node and a new one never share an address while both are still in the mesh.
    /// </summary>
    internal sealed class MeshAddressAllocator
    {
        private readonly HashSet<uint> _taken = new HashSet<uint>();
        private readonly long _firstHost;
        private readonly long _lastHost;
        private long _next;

        private MeshAddressAllocator(Ipv4Network network)
        {
            Network = network;
            var size = 1L << (32 - network.PrefixLength);
            _firstHost = (long)network.Address + 1;
            _lastHost = (long)network.Address + size - 2;
            _next = _firstHost;
        }

        /// <summary>The cluster network, host bits cleared.</summary>
        public Ipv4Network Network { get; }

        public static MeshAddressAllocator For(string network) => new MeshAddressAllocator(ParseNetwork(network));

        public static Ipv4Network ParseNetwork(string text)
        {
            if (!Ipv4Network.TryParse(text.Trim(), out var network))
                throw PlanErrors.InvalidInput("kubernetes.network", $"the mesh network '{text}' is not an IPv4 network in CIDR form such as 10.0.0.0/16");
            return network.Normalized;
        }

        public static bool TryParseAddress(string text, out uint address)
        {
            address = 0;
            if (!Ipv4Network.TryParse(text.Trim() + "/32", out var parsed)) return false;
            address = parsed.Address;
            return true;
        }

        public static string Format(uint address) =>
            string.Join(".", ((address >> 24) & 255).ToString(CultureInfo.InvariantCulture), ((address >> 16) & 255).ToString(CultureInfo.InvariantCulture),
                ((address >> 8) & 255).ToString(CultureInfo.InvariantCulture), (address & 255).ToString(CultureInfo.InvariantCulture));

        public bool Contains(uint address) => (address & Network.Mask) == Network.Address;

        /// <summary>Marks an address a node already holds; returns false when it is not an IPv4 address.</summary>
        public bool Reserve(string address)
        {
            if (!TryParseAddress(address, out var parsed)) return false;
            _taken.Add(parsed);
            return true;
        }

        public string Allocate(string nodeName)
        {
            while (_next <= _lastHost && _taken.Contains((uint)_next)) _next++;
            if (_next > _lastHost)
            {
                var hosts = System.Math.Max(0L, _lastHost - _firstHost + 1);
                throw new MultiCloudException(ErrorIds.MeshNetworkFull, ErrorKind.InvalidArgument,
                    $"the mesh network {Network} has no free address left for node '{nodeName}' ({hosts.ToString(CultureInfo.InvariantCulture)} host addresses, all taken); " +
                    "use fewer nodes, or a larger network when creating the cluster") { Target = nodeName };
            }
            var address = (uint)_next;
            _taken.Add(address);
            _next++;
            return Format(address);
        }
    }
}
