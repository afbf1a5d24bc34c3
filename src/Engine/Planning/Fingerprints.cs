using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Fingerprints of what a layer's configuration is built from. The planner compares them with the ones recorded
    /// in ClusterState.Applied; a layer is rewritten only when its fingerprint moved.
    /// </summary>
    internal static class Fingerprints
    {
        /// <summary>Network, MTU and every peer (name, mesh address) of a mesh.</summary>
        public static string Mesh(KubernetesSpec kubernetes, IEnumerable<(string Name, string Address)> peers)
        {
            var text = new CanonicalText()
                .Add("network", MeshAddressAllocator.ParseNetwork(kubernetes.Network).ToString())
                .Add("mtu", kubernetes.Mtu);
            foreach (var (name, address) in peers.OrderBy(p => p.Name, StringComparer.Ordinal))
                text.Add("peer", name).Add("address", address);
            return text.Hash();
        }

        /// <summary>Every forwarded port with the addresses it forwards to, and the nodes that run the load balancer.</summary>
        public static string LoadBalancer(LoadBalancerSpec loadBalancer, Inventory inventory, IReadOnlyList<string> nodeNames)
        {
            var text = new CanonicalText().Add("loadBalancer", loadBalancer.Name);
            foreach (var role in loadBalancer.Roles.OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                text.Add("role", role.Name)
                    .Add("protocol", role.Protocol.ToString())
                    .Add("port", role.Port)
                    .Add("targetPort", role.TargetPort)
                    .Add("proxyProtocol", role.ProxyProtocol);
                var targets = inventory.Nodes.Where(n => role.TargetPools.Contains(n.Pool)).Select(n => n.MeshAddress);
                foreach (var address in targets.OrderBy(a => a, StringComparer.Ordinal)) text.Add("target", address);
            }
            AddSorted(text, "node", nodeNames);
            return text.Hash();
        }

        /// <summary>The DNS settings and the load-balancer nodes the records point at.</summary>
        public static string Dns(DnsSpec dns, IReadOnlyList<string> nodeNames)
        {
            var text = new CanonicalText().Add("zone", dns.Zone).Add("provider", dns.Provider).Add("hostname", dns.Hostname);
            AddSorted(text, "alternativeName", dns.AlternativeNames);
            AddSorted(text, "node", nodeNames);
            return text.Hash();
        }

        /// <summary>Labels, taints and annotations a pool puts on its Kubernetes nodes.</summary>
        public static string Metadata(NodePoolSpec pool)
        {
            var text = new CanonicalText();
            SpecCanonicalText.WriteSorted(text, "labels", pool.Labels);
            var taints = pool.Taints.OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Effect).ThenBy(t => t.Value, StringComparer.Ordinal).ToList();
            SpecCanonicalText.WriteTaints(text, taints);
            SpecCanonicalText.WriteSorted(text, "annotations", pool.Annotations);
            return text.Hash();
        }

        /// <summary>The storage zones Longhorn gets a storage class for.</summary>
        public static string Storage(IReadOnlyList<string> zones)
        {
            var text = new CanonicalText();
            AddSorted(text, "zone", zones);
            return text.Hash();
        }

        private static void AddSorted(CanonicalText text, string tag, IEnumerable<string> values)
        {
            foreach (var value in values.OrderBy(v => v, StringComparer.Ordinal)) text.Add(tag, value);
        }
    }
}
