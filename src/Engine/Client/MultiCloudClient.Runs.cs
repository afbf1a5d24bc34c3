using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Views;

namespace MultiCloud.Engine.Client
{
    /// <summary>
    /// What both hosts do the same way: plan a run and say how to confirm it (<see cref="PlannedRun"/>), run exactly the
    /// confirmed plan, and select clusters, pools and nodes by name patterns.
    /// </summary>
    public sealed partial class MultiCloudClient
    {
        /// <summary>The run that creates a new cluster; ClusterExists when the name already has state.</summary>
        public Task<PlannedRun> PlanCreateAsync(ClusterSpec spec, PlanOptions? options, CancellationToken cancellationToken) =>
            PlanCreateAsync(spec, options, forgetLostState: false, cancellationToken);

        /// <summary>As <see cref="PlanCreateAsync(ClusterSpec, PlanOptions?, CancellationToken)"/>; with <paramref name="forgetLostState"/> also for a cluster whose state.json was lost.</summary>
        public async Task<PlannedRun> PlanCreateAsync(ClusterSpec spec, PlanOptions? options, bool forgetLostState, CancellationToken cancellationToken) => new PlannedRun
        {
            Kind = RunKind.Create,
            Plan = await PlanNewAsync(spec, options, forgetLostState, cancellationToken).ConfigureAwait(false),
            Action = $"Create cluster '{spec.Name}'",
            Spec = spec,
            PlanOptions = options,
            ForgetLostState = forgetLostState,
        };

        /// <summary>The run that brings a cluster (new or existing) to a manifest's spec, planned after a refresh of its hosts.</summary>
        public Task<PlannedRun> PlanApplyAsync(ClusterSpec spec, PlanOptions? options, CancellationToken cancellationToken) =>
            PlanApplyAsync(spec, options, RefreshMode.CheckHosts, forgetLostState: false, cancellationToken);

        /// <summary>As <see cref="PlanApplyAsync(ClusterSpec, PlanOptions?, CancellationToken)"/>; with <paramref name="forgetLostState"/> also for a cluster whose state.json was lost.</summary>
        public Task<PlannedRun> PlanApplyAsync(ClusterSpec spec, PlanOptions? options, bool forgetLostState, CancellationToken cancellationToken) =>
            PlanApplyAsync(spec, options, RefreshMode.CheckHosts, forgetLostState, cancellationToken);

        /// <summary>
        /// As <see cref="PlanApplyAsync(ClusterSpec, PlanOptions?, bool, CancellationToken)"/>; <paramref name="refresh"/> says
        /// whether to check the hosts first (the plan then repairs what drifted) or to plan from the state alone.
        /// </summary>
        public async Task<PlannedRun> PlanApplyAsync(ClusterSpec spec, PlanOptions? options, RefreshMode refresh, bool forgetLostState, CancellationToken cancellationToken)
        {
            Validate(spec);
            await Store.EnsureUnlockedAsync(spec.Name, cancellationToken).ConfigureAwait(false);
            return new PlannedRun
            {
                Kind = RunKind.Apply,
                Plan = await PlanAsync(spec, options, refresh, forgetLostState, cancellationToken).ConfigureAwait(false),
                Action = $"Apply the manifest to cluster '{spec.Name}'",
                Spec = spec,
                PlanOptions = options,
                ForgetLostState = forgetLostState,
            };
        }

        /// <summary>The run that resumes a stopped run or repairs the cluster; asked and pinned like any other.</summary>
        public Task<PlannedRun> PlanSyncAsync(string clusterName, PlanOptions? options, CancellationToken cancellationToken) =>
            PlanSyncAsync(clusterName, options, RefreshMode.CheckHosts, cancellationToken);

        /// <summary>
        /// As <see cref="PlanSyncAsync(string, PlanOptions?, CancellationToken)"/>; after a refresh (the default) the plan also
        /// repairs what drifted on the hosts, with <see cref="RefreshMode.StateOnly"/> only what the state says is missing.
        /// </summary>
        public async Task<PlannedRun> PlanSyncAsync(string clusterName, PlanOptions? options, RefreshMode refresh, CancellationToken cancellationToken)
        {
            var spec = await GetSpecAsync(clusterName, cancellationToken).ConfigureAwait(false);
            await Store.EnsureUnlockedAsync(spec.Name, cancellationToken).ConfigureAwait(false);
            return new PlannedRun
            {
                Kind = RunKind.Sync,
                Plan = await PlanAsync(spec, options, refresh, cancellationToken).ConfigureAwait(false),
                Action = $"Sync cluster '{spec.Name}'",
                Spec = spec,
                PlanOptions = options,
            };
        }

        /// <summary>The run of an edit of the cluster's spec; <paramref name="action"/> says what the edit is.</summary>
        public Task<PlannedRun> PlanEditAsync(string clusterName, Func<ClusterSpec, ClusterSpec> edit, string action, PlanOptions? options, CancellationToken cancellationToken) =>
            PlanEditAsync(clusterName, edit, action, options, RefreshMode.CheckHosts, cancellationToken);

        /// <summary>As <see cref="PlanEditAsync(string, Func{ClusterSpec, ClusterSpec}, string, PlanOptions?, CancellationToken)"/>, refreshing as <paramref name="refresh"/> says.</summary>
        public async Task<PlannedRun> PlanEditAsync(string clusterName, Func<ClusterSpec, ClusterSpec> edit, string action, PlanOptions? options, RefreshMode refresh,
            CancellationToken cancellationToken)
        {
            var spec = await EditSpecAsync(clusterName, edit, cancellationToken).ConfigureAwait(false);
            await Store.EnsureUnlockedAsync(spec.Name, cancellationToken).ConfigureAwait(false);
            return new PlannedRun
            {
                Kind = RunKind.Edit,
                Plan = await PlanAsync(spec, options, refresh, cancellationToken).ConfigureAwait(false),
                Action = action,
                Spec = spec,
                PlanOptions = options,
            };
        }

        /// <summary>The run that deletes a cluster: its machines, DNS records that exist, then its state.</summary>
        public async Task<PlannedRun> PlanDeleteAsync(string clusterName, CancellationToken cancellationToken)
        {
            var plan = await PlanDestroyAsync(clusterName, cancellationToken).ConfigureAwait(false);
            await Store.EnsureUnlockedAsync(plan.ClusterName, cancellationToken).ConfigureAwait(false);
            return new PlannedRun { Kind = RunKind.Delete, Plan = plan, Action = $"Delete cluster '{clusterName}'" };
        }

        /// <summary>
        /// Runs exactly the plan that was shown; PlanStale if planning under the lock yields another one. The run plans
        /// with the refresh the shown plan was made from while the state has not moved, so each host is asked once.
        /// </summary>
        public Task<ApplyResult> RunAsync(PlannedRun run, IProgress<EngineEvent>? progress, CancellationToken cancellationToken)
        {
            if (run is null) throw new ArgumentNullException(nameof(run));
            if (run.Kind == RunKind.Delete) return DestroyAsync(run.ClusterName, run.Plan.Id, progress, cancellationToken);
            var options = ApplyOptions.Confirmed(run.Plan, run.PlanOptions) with { MustBeNew = run.Kind == RunKind.Create, ForgetLostState = run.ForgetLostState };
            return ApplyAsync(run.Spec ?? throw new ArgumentException("a run that applies a spec needs one", nameof(run)), options, progress, cancellationToken);
        }

        /// <summary>
        /// The cluster as a run left it (a deleted cluster has none): Ready only when the refresh before the run found
        /// nothing the run did not reach (<see cref="ApplyResult.Cluster"/>).
        /// </summary>
        public async Task<ClusterInfo?> ClusterAfterAsync(ApplyResult result, CancellationToken cancellationToken)
        {
            if (result.Plan.IsDestroy) return null;
            if (result.Cluster is ClusterInfo cluster) return cluster;
            var state = result.State ?? await GetClusterAsync(result.Plan.ClusterName, cancellationToken).ConfigureAwait(false);
            return ClusterInfo.From(state);
        }

        /// <summary>Clusters by name patterns (<see cref="NameSelection"/>), in name order.</summary>
        public async Task<Selection<ClusterState>> SelectClustersAsync(IReadOnlyList<string>? patterns, CancellationToken cancellationToken)
        {
            var names = (await Store.ListAsync(cancellationToken).ConfigureAwait(false)).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var selected = NameSelection.Select(names, name => name, patterns, name => ClusterNotFound(name, names));
            var found = new List<ClusterState>();
            foreach (var name in selected.Items)
            {
                var state = await Store.LoadAsync(name, cancellationToken).ConfigureAwait(false);
                if (state is not null) found.Add(state);
            }
            return new Selection<ClusterState>(found, selected.NotFound);
        }

        /// <summary>Node pools of a cluster by name patterns, in the spec's order.</summary>
        public async Task<Selection<NodePoolInfo>> SelectNodePoolsAsync(string clusterName, IReadOnlyList<string>? patterns, CancellationToken cancellationToken)
        {
            var state = await GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
            var spec = state.Journal?.DesiredSpec ?? state.AppliedSpec;
            var pools = spec is null ? new List<NodePoolInfo>() : spec.NodePools.Select(p => NodePoolInfo.From(state.Name, spec, p, state.Nodes)).ToList();
            return NameSelection.Select(pools, pool => pool.Name, patterns, name =>
                new MultiCloudException(ErrorIds.NodePoolNotFound, ErrorKind.NotFound,
                    $"cluster '{clusterName}' has no node pool named '{name}' ({NameSelection.Known(pools.Select(p => p.Name))})") { Target = name });
        }

        private MultiCloudException ClusterNotFound(string name, IEnumerable<string> known) =>
            new MultiCloudException(ErrorIds.ClusterNotFound, ErrorKind.NotFound,
                $"no cluster named '{name}' in {Store.Location} ({NameSelection.Known(known)})") { Target = name };
    }
}
