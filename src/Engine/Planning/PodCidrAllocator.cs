using System.Collections.Generic;
using System.Globalization;
using MultiCloud.Engine.Manifest;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Hands out each Kubernetes node's pod network: the lowest /24 of the cluster's pod network that no node holds.
    /// Like mesh addresses, the /24s of nodes removed in the same plan stay taken for the whole plan.
    /// </summary>
    internal sealed class PodCidrAllocator
    {
        public const int NodePrefixLength = 24;

        private readonly HashSet<uint> _taken = new HashSet<uint>();
        private readonly Ipv4Network _network;
        private readonly long _blocks;
        private long _next;

        private PodCidrAllocator(Ipv4Network network)
        {
            _network = network;
            _blocks = network.PrefixLength > NodePrefixLength ? 0 : 1L << (NodePrefixLength - network.PrefixLength);
        }

        public static PodCidrAllocator For(string podNetwork)
        {
            if (!Ipv4Network.TryParse(podNetwork.Trim(), out var network))
                throw PlanErrors.InvalidInput("kubernetes.podNetwork", $"the pod network '{podNetwork}' is not an IPv4 network in CIDR form such as 10.244.0.0/16");
            return new PodCidrAllocator(network.Normalized);
        }

        /// <summary>Marks a /24 a node already holds (whether or not it lies in the current pod network).</summary>
        public void Reserve(string? podCidr)
        {
            if (podCidr != null && Ipv4Network.TryParse(podCidr, out var held)) _taken.Add(held.Normalized.Address);
        }

        public string Allocate(string nodeName)
        {
            while (_next < _blocks && _taken.Contains(Block(_next))) _next++;
            if (_next >= _blocks)
            {
                throw new MultiCloudException(ErrorIds.PodNetworkFull, ErrorKind.InvalidArgument,
                    $"the pod network {_network} has no free /24 left for node '{nodeName}' ({_blocks.ToString(CultureInfo.InvariantCulture)} in all, all taken); " +
                    "use fewer Kubernetes nodes, or a larger kubernetes.podNetwork when creating the cluster") { Target = nodeName };
            }
            var block = Block(_next++);
            _taken.Add(block);
            return MeshAddressAllocator.Format(block) + "/" + NodePrefixLength.ToString(CultureInfo.InvariantCulture);
        }

        private uint Block(long index) => (uint)(_network.Address + (index << (32 - NodePrefixLength)));
    }
}
