using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// The nodes a plan ends with (kept and new, in planning order) and the nodes it removes, with what the state
    /// says about each: whether it is prepared, has a mesh key, has joined Kubernetes.
    /// </summary>
    internal sealed class Inventory
    {
        private readonly Dictionary<string, NodeState> _observed;

        public Inventory(IReadOnlyList<PlannedNode> nodes, IReadOnlyList<NodeState> removed, ClusterState current)
        {
            Nodes = nodes;
            Removed = removed;
            _observed = new Dictionary<string, NodeState>(StringComparer.Ordinal);
            foreach (var node in current.Nodes) _observed[node.Name] = node;
        }

        /// <summary>Every node once the plan is done.</summary>
        public IReadOnlyList<PlannedNode> Nodes { get; }

        public IReadOnlyList<NodeState> Removed { get; }

        public IReadOnlyList<PlannedNode> New => Nodes.Where(n => n.IsNew).ToList();

        /// <summary>Removed nodes that are part of Kubernetes: joined, or an etcd member (a control node whose join never finished).</summary>
        public IReadOnlyList<NodeState> RemovedJoined => Removed.Where(n => n.Joined || n.EtcdMember).ToList();

        public bool HasControlPlane => Nodes.Any(n => n.Role == NodeRole.Control);

        public IReadOnlyList<PlannedNode> OfPool(string pool) => Nodes.Where(n => n.Pool == pool).ToList();

        public IReadOnlyList<PlannedNode> OfRole(NodeRole role) => Nodes.Where(n => n.Role == role).ToList();

        public NodeState? Observed(string name) => _observed.TryGetValue(name, out var node) ? node : null;

        public bool IsPrepared(PlannedNode node) => !node.IsNew && Observed(node.Name)?.Prepared == true;

        public bool HasMeshKey(PlannedNode node) => !node.IsNew && !string.IsNullOrEmpty(Observed(node.Name)?.WireGuardPublicKey);

        public bool IsJoined(PlannedNode node) => !node.IsNew && Observed(node.Name)?.Joined == true;

        public bool IsKubernetesPrepared(PlannedNode node) => !node.IsNew && Observed(node.Name)?.KubernetesPrepared == true;

        public bool IsEtcdMember(PlannedNode node) => !node.IsNew && Observed(node.Name)?.EtcdMember == true;

        public static bool IsKubernetes(NodeRole role) => role == NodeRole.Control || role == NodeRole.Compute;
    }
}
