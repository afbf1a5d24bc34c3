using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MultiCloud.Engine.Planning
{
    /// <summary>The mesh tasks of a plan: the one that brings every node in, and the one that lets leaving nodes go.</summary>
    internal sealed record MeshTasks(PlanTask? Connect, PlanTask? Prune)
    {
        /// <summary>
        /// "mesh" writes the WireGuard configuration on every final node, plus the leaving Kubernetes nodes, which still
        /// need the mesh while they are drained; "mesh/prune" (after the drain) rewrites it on the final nodes only.
        /// The targets of each WriteMeshConfig step are exactly the peer set. Whichever task leaves the mesh at the
        /// final peer set records its fingerprint.
        /// </summary>
        public static MeshTasks Create(PlanningContext context)
        {
            var inventory = context.Inventory;
            if (!context.Includes(ClusterLayer.Mesh) || inventory.Nodes.Count == 0) return new MeshTasks(null, null);

            var kubernetes = context.Desired.Kubernetes;
            var finalPeers = inventory.Nodes.Select(n => (n.Name, Address: n.MeshAddress, n.PodCidr)).ToList();
            var leavingPeers = context.Leaving.Select(n => (n.Name, Address: n.MeshAddress, n.PodCidr)).ToList();
            var finalFingerprint = Fingerprints.Mesh(kubernetes, finalPeers);
            var connectPeers = finalPeers.Concat(leavingPeers).ToList();
            var connectFingerprint = leavingPeers.Count == 0 ? finalFingerprint : Fingerprints.Mesh(kubernetes, connectPeers);
            var withoutKeys = inventory.Nodes.Where(n => !inventory.HasMeshKey(n)).Select(n => n.Name).ToList();

            PlanTask? connect = null;
            if (connectFingerprint != context.Applied(AppliedKeys.Mesh) || withoutKeys.Count > 0)
            {
                connect = ConnectTask(context, connectPeers.Select(p => p.Name).ToList(), withoutKeys,
                    leavingPeers.Count == 0 ? PlanParts.Records(AppliedKeys.Mesh, finalFingerprint) : PlanParts.NoRecords);
            }
            var prune = leavingPeers.Count == 0 ? null : PruneTask(context, finalPeers.Select(p => p.Name).ToList(),
                leavingPeers.Select(p => p.Name).ToList(), finalFingerprint);
            return new MeshTasks(connect, prune);
        }

        private static PlanTask ConnectTask(PlanningContext context, IReadOnlyList<string> peers, IReadOnlyList<string> withoutKeys,
            IReadOnlyDictionary<string, string> records)
        {
            var kubernetes = context.Desired.Kubernetes;
            var network = MeshAddressAllocator.ParseNetwork(kubernetes.Network);
            var added = context.Inventory.New.Count;
            var leaving = context.Leaving.Count;
            var notes = new List<string>();
            if (added > 0) notes.Add(added.ToString(CultureInfo.InvariantCulture) + " new");
            if (leaving > 0) notes.Add(leaving.ToString(CultureInfo.InvariantCulture) + " leaving, kept until drained");
            var steps = new List<PlanStep>();
            if (withoutKeys.Count > 0)
                steps.Add(PlanParts.Step("generate-mesh-keys", StepKind.GenerateMeshKeys,
                    $"generate a WireGuard key pair on {Describe.Nodes(withoutKeys)}", withoutKeys));
            steps.Add(PlanParts.Step("write-mesh-config", StepKind.WriteMeshConfig,
                $"write the WireGuard interface ({network}, MTU {kubernetes.Mtu.ToString(CultureInfo.InvariantCulture)}) on {Describe.Nodes(peers)}, " +
                (peers.Count > 1 ? $"each with the other {Describe.Count(peers.Count - 1, "node", "nodes")} as peers" : "with no peers yet"),
                peers));
            return new PlanTask
            {
                Id = "mesh",
                Kind = TaskKind.ConfigureMesh,
                Description = $"connect {Describe.Count(peers.Count, "node", "nodes")} in the WireGuard full mesh {network}" +
                    (notes.Count > 0 ? " (" + string.Join(", ", notes) + ")" : ""),
                Targets = PlanParts.One(TargetKind.Cluster, context.Desired.Name),
                Steps = steps,
                RecordsApplied = records,
            };
        }

        private static PlanTask PruneTask(PlanningContext context, IReadOnlyList<string> peers, IReadOnlyList<string> leaving, string fingerprint) => new PlanTask
        {
            Id = "mesh/prune",
            Kind = TaskKind.ConfigureMesh,
            Description = $"take {Describe.Nodes(leaving, "leaving node", "leaving nodes")} out of the WireGuard mesh",
            Targets = PlanParts.One(TargetKind.Cluster, context.Desired.Name),
            Steps = new[]
            {
                PlanParts.Step("prune-mesh-config", StepKind.WriteMeshConfig,
                    $"rewrite the WireGuard interface on {Describe.Nodes(peers, "remaining node", "remaining nodes")} with only each other as peers, " +
                    $"dropping {Describe.Names(leaving)}",
                    peers),
            },
            RecordsApplied = PlanParts.Records(AppliedKeys.Mesh, fingerprint),
        };
    }
}
