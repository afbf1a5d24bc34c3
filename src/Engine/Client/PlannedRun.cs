using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Client
{
    /// <summary>What a run does to a cluster; decides how it is confirmed and how it runs.</summary>
    public enum RunKind
    {
        /// <summary>A new cluster (fails with ClusterExists if the name has state).</summary>
        Create,

        /// <summary>A cluster brought to a manifest's spec, new or existing.</summary>
        Apply,

        /// <summary>A cluster brought to its own spec again: an interrupted run resumed, or drift repaired.</summary>
        Sync,

        /// <summary>A change to an existing cluster's spec (a pool or load balancer added, resized, removed).</summary>
        Edit,

        /// <summary>Every node and resource of the cluster deleted, then its state.</summary>
        Delete,
    }

    /// <summary>
    /// A plan as shown to the user, and what confirming it means. Both hosts show <see cref="Plan"/>, ask
    /// <see cref="Question"/> when <see cref="NeedsConfirmation"/>, then hand this back to
    /// <see cref="MultiCloudClient.RunAsync(PlannedRun, System.IProgress{Execution.EngineEvent}?, System.Threading.CancellationToken)"/>,
    /// which runs exactly this plan or stops with PlanStale.
    /// </summary>
    public sealed record PlannedRun
    {
        public required RunKind Kind { get; init; }

        public required Plan Plan { get; init; }

        /// <summary>What the run does, as the confirmation names it: "Create cluster 'homelab'".</summary>
        public required string Action { get; init; }

        /// <summary>The spec the run applies; null for a deletion.</summary>
        public ClusterSpec? Spec { get; init; }

        /// <summary>How far to plan; null keeps the scope the cluster's state records.</summary>
        public PlanOptions? PlanOptions { get; init; }

        /// <summary>The user confirmed building a cluster anew whose state.json was lost (its leftovers are set aside).</summary>
        public bool ForgetLostState { get; init; }

        public string ClusterName => Plan.ClusterName;

        /// <summary>
        /// A plan that changes nothing asks nothing (it only closes the record of a finished run); a deletion always
        /// asks, also when it has no task left but the state itself.
        /// </summary>
        public bool NeedsConfirmation => !Plan.IsEmpty || Plan.IsDestroy;

        /// <summary>The confirmation question, saying what is changed or deleted.</summary>
        public string Question => Kind switch
        {
            RunKind.Delete => $"{Action}: {Tasks(Plan)}, then its state? This cannot be undone.",
            _ when Plan.IsEmpty => $"{Action}: nothing to change. Continue?",
            _ => $"{Action}: {Tasks(Plan)}?",
        };

        private static string Tasks(Plan plan) => plan.Tasks.Count == 1 ? "1 task" : $"{plan.Tasks.Count} tasks";
    }
}
