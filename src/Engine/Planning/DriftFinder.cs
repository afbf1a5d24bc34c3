using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Compares what a refresh saw with what the state records. Pure. A layer is compared on a node only once it is
    /// applied there (prepared; a mesh key and the mesh recorded; a recorded load balancer of its pool; joined), so a
    /// node half way through its first run shows no drift, only work the plan has anyway.
    /// </summary>
    public static class DriftFinder
    {
        /// <summary>Every drift on the checked nodes of the state, by node name, then layer.</summary>
        public static IReadOnlyList<Drift> Find(ClusterState state, RefreshReport report)
        {
            if (state is null) throw new ArgumentNullException(nameof(state));
            if (report is null) throw new ArgumentNullException(nameof(report));
            var found = new List<Drift>();
            foreach (var node in state.Nodes.OrderBy(n => n.Name, NodeNameOrder.Instance))
            {
                var observed = report.Of(node.Name);
                if (observed is null || !observed.IsChecked) continue;
                foreach (var layer in AppliedLayers(state, node))
                {
                    found.AddRange(FileDrift(node, layer, observed));
                    var services = ServiceDrift(node, layer, observed).ToList();
                    found.AddRange(services);
                    var meshStopped = services.Any(d => d.Kind == DriftKind.ServiceInactive && d.Subject == ManagedOnHosts.WireGuardUnit);
                    if (layer == ClusterLayer.Mesh && !meshStopped) found.AddRange(PeerDrift(state, node, observed));
                }
            }
            return found;
        }

        /// <summary>The layers with host state that are applied on the node.</summary>
        public static IEnumerable<ClusterLayer> AppliedLayers(ClusterState state, NodeState node)
        {
            if (node.Prepared) yield return ClusterLayer.Nodes;
            if (InMesh(state, node)) yield return ClusterLayer.Mesh;
            if (ServesRecordedLoadBalancer(state, node)) yield return ClusterLayer.LoadBalancers;
            if (node.Joined) yield return ClusterLayer.Kubernetes;
        }

        /// <summary>A member of the recorded mesh: the mesh was applied and the node has its key.</summary>
        public static bool InMesh(ClusterState state, NodeState node) =>
            state.Applied.ContainsKey(AppliedKeys.Mesh) && !string.IsNullOrEmpty(node.WireGuardPublicKey);

        private static bool ServesRecordedLoadBalancer(ClusterState state, NodeState node)
        {
            var spec = state.AppliedSpec ?? state.Journal?.DesiredSpec;
            return node.Role == NodeRole.LoadBalancer && spec != null && spec.LoadBalancers.Any(lb =>
                lb.Pools.Contains(node.Pool) && state.Applied.ContainsKey(AppliedKeys.LoadBalancer(lb.Name)));
        }

        private static IEnumerable<Drift> FileDrift(NodeState node, ClusterLayer layer, NodeObservation observed)
        {
            foreach (var file in ManagedOnHosts.FilesOf(node.Role).Where(f => f.Layer == layer))
            {
                if (!observed.Files.TryGetValue(file.Path, out var hash)) continue;
                var recorded = node.ManagedFiles.TryGetValue(file.Path, out var value) ? value : null;
                var repair = "rewrite " + file.What;
                if (recorded is null)
                    yield return new Drift(node.Name, layer, DriftKind.FileNotRecorded, file.Path, repair, "no record of what MultiCloud wrote there (state from an earlier version)");
                else if (hash is null)
                    yield return new Drift(node.Name, layer, DriftKind.FileMissing, file.Path, repair, "missing on the host");
                else if (hash != recorded)
                    yield return new Drift(node.Name, layer, DriftKind.FileChanged, file.Path, repair, "changed on the host");
            }
        }

        private static IEnumerable<Drift> ServiceDrift(NodeState node, ClusterLayer layer, NodeObservation observed)
        {
            foreach (var service in ManagedOnHosts.ServicesOf(node.Role).Where(s => s.Layer == layer))
            {
                if (!observed.Services.TryGetValue(service.Unit, out var unit)) continue;
                if (!unit.IsActive)
                    yield return new Drift(node.Name, layer, DriftKind.ServiceInactive, service.Unit, "restart " + service.Unit, "service " + unit.ActiveState);
                if (!unit.IsEnabled)
                    yield return new Drift(node.Name, layer, DriftKind.ServiceDisabled, service.Unit, "enable " + service.Unit, "service " + unit.EnabledState);
            }
        }

        private static IEnumerable<Drift> PeerDrift(ClusterState state, NodeState node, NodeObservation observed)
        {
            var live = observed.WireGuard;
            if (live is null)
            {
                yield return new Drift(node.Name, ClusterLayer.Mesh, DriftKind.InterfaceMissing, RefreshScript.InterfaceName,
                    "restart " + ManagedOnHosts.WireGuardUnit, "interface " + RefreshScript.InterfaceName + " is gone");
                yield break;
            }
            var livePeers = new HashSet<string>(live.Peers.Select(p => p.PublicKey), StringComparer.Ordinal);
            var members = state.Nodes.Where(other => other.Name != node.Name && InMesh(state, other)).OrderBy(n => n.Name, NodeNameOrder.Instance).ToList();
            foreach (var peer in members.Where(peer => !livePeers.Contains(peer.WireGuardPublicKey!)))
                yield return new Drift(node.Name, ClusterLayer.Mesh, DriftKind.PeerMissing, peer.Name, "re-add peer " + peer.Name, "missing from the live interface");

            var known = new HashSet<string>(members.Select(m => m.WireGuardPublicKey!), StringComparer.Ordinal);
            foreach (var key in live.Peers.Select(p => p.PublicKey).Where(key => !known.Contains(key)).OrderBy(k => k, StringComparer.Ordinal))
                yield return new Drift(node.Name, ClusterLayer.Mesh, DriftKind.PeerUnexpected, key, "remove peer " + key, "no member of the mesh has this key");
        }
    }
}
