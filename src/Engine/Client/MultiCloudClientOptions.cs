using MultiCloud.Engine.Execution;

namespace MultiCloud.Engine.Client
{
    public sealed record MultiCloudClientOptions
    {
        /// <summary>State folder; null means StateLocations.DefaultRoot() (MULTICLOUD_STATE_DIR or the per-user default).</summary>
        public string? StateDirectory { get; init; }

        public IEngineLog Log { get; init; } = NullEngineLog.Instance;

        /// <summary>How many hosts one step works on at once.</summary>
        public int MaxParallelTargets { get; init; } = 8;

        /// <summary>Reads secrets; null means environment variables and files.</summary>
        public ICredentialResolver? Credentials { get; init; }

        /// <summary>SSH client settings (timeouts, retries, keepalives).</summary>
        public Remote.SshOptions Ssh { get; init; } = Remote.SshOptions.Default;

        /// <summary>How long a probe of a load-balancer port waits for the connection before the node counts as not answering.</summary>
        public System.TimeSpan LoadBalancerProbeTimeout { get; init; } = System.TimeSpan.FromSeconds(3);

        /// <summary>How cloud steps wait for new machines.</summary>
        public Cloud.CloudOptions Cloud { get; init; } = MultiCloud.Engine.Cloud.CloudOptions.Default;

        /// <summary>How long runs wait on Kubernetes (a joining node's readiness) and how often they look.</summary>
        public Kubernetes.Api.KubernetesOptions Kubernetes { get; init; } = Engine.Kubernetes.Api.KubernetesOptions.Default;

        /// <summary>The SSH transport and step handlers runs use; tests replace parts of it.</summary>
        public EngineComposition Composition { get; init; } = EngineComposition.Default;
    }

    public sealed record ApplyOptions
    {
        /// <summary>How far to plan; null keeps the scope the cluster's state records (PlanOptions.ScopeOf).</summary>
        public Planning.PlanOptions? Plan { get; init; }

        /// <summary>Fail with ClusterExists when the cluster already has state (New-MCCluster).</summary>
        public bool MustBeNew { get; init; }

        /// <summary>
        /// Build a cluster whose state.json is gone, while its folder still holds history, keys or logs, as new: the
        /// old history is set aside and every machine is registered again. Without it such a cluster is StateMissing.
        /// </summary>
        public bool ForgetLostState { get; init; }

        /// <summary>
        /// The id of the plan the user confirmed; if planning under the lock yields another plan, the apply stops with
        /// PlanStale instead of doing something that was not shown.
        /// </summary>
        public string? ExpectedPlanId { get; init; }

        /// <summary>Whether to check the hosts before planning (the default) or plan from the state alone (--no-refresh / -NoRefresh).</summary>
        public RefreshMode Refresh { get; init; } = RefreshMode.CheckHosts;

        /// <summary>
        /// What the refresh of the confirmed plan saw (<see cref="Planning.Plan.Refresh"/>). The apply plans with it
        /// instead of asking every host again, as long as the state has not moved since; otherwise it refreshes anew.
        /// </summary>
        public Refresh.RefreshReport? Refreshed { get; init; }

        public static ApplyOptions Default { get; } = new ApplyOptions();

        /// <summary>
        /// The options that apply exactly a plan the user was shown and confirmed: the same scope, its id (PlanStale if
        /// planning under the lock yields another), and its refresh (so the hosts are asked once, not twice).
        /// </summary>
        public static ApplyOptions Confirmed(Planning.Plan plan, Planning.PlanOptions? planOptions) => new ApplyOptions
        {
            Plan = planOptions,
            ExpectedPlanId = plan.Id,
            Refresh = plan.Refresh is null ? RefreshMode.StateOnly : RefreshMode.CheckHosts,
            Refreshed = plan.Refresh,
        };
    }

    /// <summary>How a plan, apply or status learns what is on the hosts.</summary>
    public enum RefreshMode
    {
        /// <summary>Refresh: one round trip per host, all hosts at once, before planning or reporting.</summary>
        CheckHosts,

        /// <summary>Trust the state; ask no host (--no-refresh / -NoRefresh).</summary>
        StateOnly,
    }

    /// <summary>What an apply did: the plan it ran and the state it left.</summary>
    public sealed record ApplyResult(Planning.Plan Plan, State.ClusterState? State)
    {
        /// <summary>True when the run did something: ran tasks, or removed a cluster (whose plan may have none).</summary>
        public bool Changed => !Plan.IsEmpty || Plan.IsDestroy;

        /// <summary>
        /// SSH round trips the call made to each node, by node name, its refresh included (one per node); nodes it did
        /// not contact are left out. A run that reused the refresh of the confirmed plan counts only its own. For
        /// benchmarks and tests.
        /// </summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, int> RoundTrips { get; init; } =
            new System.Collections.Generic.Dictionary<string, int>();

        /// <summary>
        /// The cluster as the run left it (null after a destroy). Ready when the run finished and the refresh before it
        /// found nothing the run did not reach (an unreachable node it had no task for stays a problem).
        /// </summary>
        public Views.ClusterInfo? Cluster => State is null ? null : Views.ClusterInfo.AfterRun(State, Plan);
    }
}
