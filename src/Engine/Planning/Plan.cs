using System.Collections.Generic;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>An ordered list of tasks that takes a cluster from its observed state to the desired spec.</summary>
    public sealed record Plan
    {
        public required string ClusterName { get; init; }

        /// <summary>A hash of the plan's content; the same spec and state always give the same id.</summary>
        public required string Id { get; init; }

        /// <summary>The spec this plan drives towards; recorded as applied when the plan finishes.</summary>
        public required ClusterSpec Desired { get; init; }

        public IReadOnlyList<PlanTask> Tasks { get; init; } = new PlanTask[0];

        /// <summary>Every node the cluster has once the plan is done (kept and new), with its allocated mesh address.</summary>
        public IReadOnlyList<PlannedNode> Nodes { get; init; } = new PlannedNode[0];

        /// <summary>Names of nodes the plan removes.</summary>
        public IReadOnlyList<string> RemovedNodes { get; init; } = new string[0];

        /// <summary>The load-balancer health the plan was made with; the DNS steps point records at the healthy nodes it names.</summary>
        public LoadBalancerHealth Health { get; init; } = LoadBalancerHealth.AllHealthy;

        /// <summary>True when this plan removes the whole cluster.</summary>
        public bool IsDestroy { get; init; }

        /// <summary>The highest layer this plan brings the cluster to (PlanOptions.Until); recorded in the state as the cluster's scope.</summary>
        public ClusterLayer Until { get; init; } = ClusterLayer.Storage;

        /// <summary>
        /// What the refresh before planning saw on the hosts, which the plan was made from (its drift repairs); null when
        /// the plan was made from the state alone (--no-refresh / -NoRefresh, destroy).
        /// </summary>
        public Refresh.RefreshReport? Refresh { get; init; }

        /// <summary>
        /// What the user should know before running the plan and no task of it changes: SSH open to the internet, every
        /// node of a load balancer down; from the refresh, nodes it could not check, mesh pairs without a recent
        /// handshake, nodes Kubernetes does not call Ready.
        /// </summary>
        public IReadOnlyList<PlanNotice> Notices { get; init; } = new PlanNotice[0];

        public bool IsEmpty => Tasks.Count == 0;
    }

    /// <summary>One unit of work of a plan: a kind, what it is about, and its steps in order.</summary>
    public sealed record PlanTask
    {
        /// <summary>Stable id within the plan, such as "mesh" or "infra/control-az".</summary>
        public required string Id { get; init; }
        public required TaskKind Kind { get; init; }
        public required string Description { get; init; }
        public IReadOnlyList<TaskTarget> Targets { get; init; } = new TaskTarget[0];
        public IReadOnlyList<PlanStep> Steps { get; init; } = new PlanStep[0];

        /// <summary>Layer fingerprints (ClusterState.Applied) recorded when the task finishes; an empty value removes the key (see <see cref="AppliedKeys"/>).</summary>
        public IReadOnlyDictionary<string, string> RecordsApplied { get; init; } = new Dictionary<string, string>();
    }

    public enum TargetKind { Cluster, NodePool, Node, LoadBalancer, Resource }

    public sealed record TaskTarget(TargetKind Kind, string Name)
    {
        public override string ToString() => Kind.ToString().ToLowerInvariant() + "/" + Name;
    }

    /// <summary>One step of a task, run on each of its targets (in parallel, bounded).</summary>
    public sealed record PlanStep
    {
        /// <summary>Unique within its task, such as "write-mesh-config".</summary>
        public required string Name { get; init; }
        public required StepKind Kind { get; init; }
        public required string Description { get; init; }

        /// <summary>Node names, or resource names for steps that are not about nodes.</summary>
        /// <remarks>
        /// For a <see cref="StepKind.WriteMeshConfig"/> step the targets are exactly the peer set: every target gets a
        /// WireGuard configuration that lists all the other targets as peers. While Kubernetes nodes leave, the first
        /// mesh task's peer set still includes them (they are drained over the mesh) and a later "mesh/prune" task
        /// writes the final peer set.
        /// </remarks>
        public IReadOnlyList<string> Targets { get; init; } = new string[0];

        /// <summary>
        /// For a <see cref="StepKind.WriteMeshConfig"/> step that rewrites only some members (the repair of drifted
        /// nodes): the whole peer set. Null when the targets are the peer set.
        /// </summary>
        public IReadOnlyList<string>? MeshPeers { get; init; }
    }

    /// <summary>A node as the plan wants it, whether it exists yet or not.</summary>
    public sealed record PlannedNode
    {
        public required string Name { get; init; }
        public required string Pool { get; init; }
        public required NodeRole Role { get; init; }
        public required string MeshAddress { get; init; }

        /// <summary>The node's pod network (a /24), allocated once; null for load-balancer nodes.</summary>
        public string? PodCidr { get; init; }

        /// <summary>Provider instance name for dynamic pools; null for static ones.</summary>
        public string? Provider { get; init; }

        /// <summary>Static nodes: how to reach them. Dynamic nodes learn their address when created.</summary>
        /// <remarks>A dynamic node is new until its machine exists: the state may already list it (without an address) from a run that stopped.</remarks>
        public string? Endpoint { get; init; }
        public string User { get; init; } = "root";
        public int Port { get; init; } = 22;
        public CredentialRef? PrivateKey { get; init; }
        public string? HostKeyFingerprint { get; init; }

        /// <summary>True when the node does not exist yet.</summary>
        public bool IsNew { get; init; }
    }

    public sealed record PlanOptions
    {
        /// <summary>Plan only up to and including this layer (the rest comes later); default is everything.</summary>
        public ClusterLayer Until { get; init; } = ClusterLayer.Storage;

        public static PlanOptions Default { get; } = new PlanOptions();

        /// <summary>The options that keep a cluster at the scope its state records (every layer for a new cluster).</summary>
        public static PlanOptions ScopeOf(State.ClusterState? current) =>
            current?.Until is ClusterLayer until ? new PlanOptions { Until = until } : Default;
    }
}
