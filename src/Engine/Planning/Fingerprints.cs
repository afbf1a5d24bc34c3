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
        /// <summary>Network, MTU and every peer (name, mesh address, pod network it routes) of a mesh.</summary>
        public static string Mesh(KubernetesSpec kubernetes, IEnumerable<(string Name, string Address, string? PodCidr)> peers)
        {
            var text = new CanonicalText()
                .Add("network", MeshAddressAllocator.ParseNetwork(kubernetes.Network).ToString())
                .Add("mtu", kubernetes.Mtu);
            foreach (var (name, address, podCidr) in peers.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                text.Add("peer", name).Add("address", address);
                if (podCidr != null) text.Add("podCidr", podCidr);
            }
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

        /// <summary>Labels, taints and annotations a pool puts on its Kubernetes nodes (its own and the computed ones).</summary>
        public static string Metadata(NodeMetadataSpec metadata)
        {
            var text = new CanonicalText();
            SpecCanonicalText.WriteSorted(text, "labels", metadata.Labels);
            var taints = metadata.Taints.OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Effect).ThenBy(t => t.Value, StringComparer.Ordinal).ToList();
            SpecCanonicalText.WriteTaints(text, taints);
            SpecCanonicalText.WriteSorted(text, "annotations", metadata.Annotations);
            return text.Hash();
        }

        /// <summary>What Kubernetes nodes are prepared with: version, package and artifact sources, MTU.</summary>
        public static string KubernetesNodes(KubernetesSpec kubernetes) => new CanonicalText()
            .Add("version", kubernetes.Version)
            .Add("mtu", kubernetes.Mtu)
            .Add("packages", kubernetes.Sources.Packages)
            .Add("packagesKey", kubernetes.Sources.PackagesKey)
            .Hash();

        /// <summary>The Longhorn version and source, and the storage zones Longhorn gets a storage class for.</summary>
        public static string Storage(string longhornVersion, string? longhornSource, IReadOnlyList<string> zones)
        {
            var text = new CanonicalText().Add("longhorn", longhornVersion).Add("source", longhornSource);
            AddSorted(text, "zone", zones);
            return text.Hash();
        }

        private static void AddSorted(CanonicalText text, string tag, IEnumerable<string> values)
        {
            foreach (var value in values.OrderBy(v => v, StringComparer.Ordinal)) text.Add(tag, value);
        }
    }
}
