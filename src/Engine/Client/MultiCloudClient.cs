using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Views;

namespace MultiCloud.Engine.Client
{
    /// <summary>
    /// The one entry point of the engine for front ends (cmdlets, console host): read manifests, plan, apply,
    /// query. Every decision is made here or below; front ends only bind parameters and show results.
    /// </summary>
    public sealed partial class MultiCloudClient
    {
        private readonly MultiCloudClientOptions _options;

        public MultiCloudClient(MultiCloudClientOptions? options = null)
            : this(new LocalStateStore((options ?? new MultiCloudClientOptions()).StateDirectory ?? StateLocations.DefaultRoot()), options)
        {
        }

        /// <summary>For state stores other than the local folder (shared stores).</summary>
        public MultiCloudClient(IStateStore store, MultiCloudClientOptions? options = null)
        {
            Store = store;
            _options = options ?? new MultiCloudClientOptions();
        }

        public IStateStore Store { get; }

        // ---- manifests

        /// <summary>Reads and validates a manifest; problems come back as diagnostics, all at once.</summary>
        public ManifestLoadResult ReadManifest(string path)
        {
            var result = ManifestReader.ReadFile(path);
            ManifestSources.Remember(result);
            return result;
        }

        /// <summary>Reads a manifest and fails with ManifestInvalid listing every problem.</summary>
        public IReadOnlyList<ClusterSpec> LoadManifest(string path) => Require(ReadManifest(path), path);

        /// <summary>A shipped example (examples/*.yaml, embedded), validated like a file.</summary>
        public IReadOnlyList<ClusterSpec> LoadExample(string name)
        {
            var file = "example:" + name;
            var result = ManifestReader.Parse(ExampleManifests.Get(name), file);
            ManifestSources.Remember(result);
            return Require(result, file);
        }

        public string ExportManifest(IEnumerable<ClusterSpec> clusters) => ManifestWriter.ToYaml(clusters);

        /// <summary>Validates a spec built from parameters or edits; fails with ManifestInvalid.</summary>
        public void Validate(ClusterSpec spec)
        {
            const string origin = "<parameters>";
            var diagnostics = ManifestValidator.Validate(new[] { new ManifestDocument(spec, new SourceMap(origin)) });
            if (diagnostics.Count > 0) throw new ManifestException(origin, diagnostics);
        }

        // ---- queries

        /// <summary>Clusters whose name matches the pattern (* and ? wildcards); all when the pattern is null.</summary>
        public async Task<IReadOnlyList<ClusterState>> GetClustersAsync(string? namePattern, CancellationToken cancellationToken) =>
            (await SelectClustersAsync(namePattern is null ? null : new[] { namePattern }, cancellationToken).ConfigureAwait(false)).ItemsOrThrow();

        public async Task<ClusterState> GetClusterAsync(string name, CancellationToken cancellationToken) =>
            await Store.LoadAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw await NotFoundAsync(name, cancellationToken).ConfigureAwait(false);

        /// <summary>The spec a cluster is driving towards: the interrupted run's, else the last applied one.</summary>
        public async Task<ClusterSpec> GetSpecAsync(string name, CancellationToken cancellationToken)
        {
            var state = await GetClusterAsync(name, cancellationToken).ConfigureAwait(false);
            return state.Journal?.DesiredSpec ?? state.AppliedSpec
                ?? throw new MultiCloudException(ErrorIds.ClusterNotFound, ErrorKind.NotFound, $"cluster '{name}' has state but no spec") { Target = name };
        }

        /// <summary>The nodes of a cluster whose name matches the pattern, each with what a refresh of it sees now; NodeNotFound for a plain name that matches none.</summary>
        public Task<IReadOnlyList<NodeInfo>> GetNodesAsync(string clusterName, string? namePattern, CancellationToken cancellationToken) =>
            GetNodesAsync(clusterName, namePattern, RefreshMode.CheckHosts, cancellationToken);

        public async Task<IReadOnlyList<NodePoolInfo>> GetNodePoolsAsync(string clusterName, CancellationToken cancellationToken) =>
            (await SelectNodePoolsAsync(clusterName, null, cancellationToken).ConfigureAwait(false)).Items;

        /// <summary>Applies an edit to the cluster's current spec and validates the result (nothing is applied yet).</summary>
        public async Task<ClusterSpec> EditSpecAsync(string clusterName, Func<ClusterSpec, ClusterSpec> edit, CancellationToken cancellationToken)
        {
            var edited = edit(await GetSpecAsync(clusterName, cancellationToken).ConfigureAwait(false));
            Validate(edited);
            return edited;
        }

        /// <summary>
        /// The cluster's admin kubeconfig, read from a control node over SSH, with the API endpoint (load balancer) as
        /// its server. The credentials in it are returned to the caller only: never stored, logged or put into state.
        /// </summary>
        public async Task<string> GetKubeconfigAsync(string clusterName, CancellationToken cancellationToken)
        {
            var state = await GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
            await using var session = HostSession.Unlocked(_options, Store, clusterName);
            return await KubeconfigReader.ReadAsync(state, session, cancellationToken).ConfigureAwait(false);
        }

        // ---- planning and applying

        /// <summary>
        /// What an apply would do now. Takes no lock and changes nothing. Null options keep the scope the cluster's
        /// state records (how far its latest run went), every layer for a new cluster.
        /// </summary>
        public Task<Plan> PlanAsync(ClusterSpec desired, PlanOptions? options, CancellationToken cancellationToken) =>
            PlanAsync(desired, options, RefreshMode.CheckHosts, forgetLostState: false, cancellationToken);

        /// <summary>
        /// As <see cref="PlanAsync(ClusterSpec, PlanOptions?, CancellationToken)"/>; with <paramref name="forgetLostState"/>
        /// a cluster whose state.json is gone while its folder still holds history, keys or logs plans as new
        /// (otherwise that is StateMissing).
        /// </summary>
        public Task<Plan> PlanAsync(ClusterSpec desired, PlanOptions? options, bool forgetLostState, CancellationToken cancellationToken) =>
            PlanAsync(desired, options, RefreshMode.CheckHosts, forgetLostState, cancellationToken);

        /// <summary>As <see cref="PlanAsync(ClusterSpec, PlanOptions?, RefreshMode, bool, CancellationToken)"/> for a cluster whose state is where it should be.</summary>
        public Task<Plan> PlanAsync(ClusterSpec desired, PlanOptions? options, RefreshMode refresh, CancellationToken cancellationToken) =>
            PlanAsync(desired, options, refresh, forgetLostState: false, cancellationToken);

        /// <summary>
        /// What an apply would do now, after refreshing the cluster's hosts (one round trip each, no lock, nothing
        /// changed), unless <paramref name="refresh"/> says to trust the state alone. With <paramref name="forgetLostState"/>
        /// a cluster whose state.json is gone while its folder still holds history, keys or logs plans as new
        /// (otherwise that is StateMissing).
        /// </summary>
        public async Task<Plan> PlanAsync(ClusterSpec desired, PlanOptions? options, RefreshMode refresh, bool forgetLostState, CancellationToken cancellationToken)
        {
            var current = await LoadOrRefuseLostAsync(desired.Name, forgetLostState, cancellationToken).ConfigureAwait(false);
            var refreshed = await RefreshUnlockedAsync(current, desired.Name, desired, refresh, null, cancellationToken).ConfigureAwait(false);
            var health = await ProbeAsync(desired, current, cancellationToken).ConfigureAwait(false);
            var plan = Planner.Create(desired, current is null ? null : AbandonedRun.ForgetTouchedLayers(current, desired), options ?? PlanOptions.ScopeOf(current),
                refreshed, health, cancellationToken);
            return await CheckPlacementAsync(plan, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The plan that creates a new cluster; fails with ClusterExists when the name already has state, so that
        /// -WhatIf never shows a plan for changing an existing cluster as if it were a new one.
        /// </summary>
        public Task<Plan> PlanNewAsync(ClusterSpec desired, PlanOptions? options, CancellationToken cancellationToken) =>
            PlanNewAsync(desired, options, forgetLostState: false, cancellationToken);

        /// <summary>As <see cref="PlanNewAsync(ClusterSpec, PlanOptions?, CancellationToken)"/>, also for a cluster whose state was lost when <paramref name="forgetLostState"/>.</summary>
        public async Task<Plan> PlanNewAsync(ClusterSpec desired, PlanOptions? options, bool forgetLostState, CancellationToken cancellationToken)
        {
            Validate(desired);
            if (await LoadOrRefuseLostAsync(desired.Name, forgetLostState, cancellationToken).ConfigureAwait(false) is not null)
                throw Exists(desired.Name);
            var plan = Planner.Create(desired, null, options, RefreshReport.Empty(desired.Name, 0, DateTimeOffset.UtcNow));
            return await CheckPlacementAsync(plan, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Asks the clouds' catalogues about the pools the plan would make machines in (<see cref="PlacementCheck"/>), with
        /// providers of its own: a plan writes nothing, not even a run log, so it needs no host session.
        /// </summary>
        private async Task<Plan> CheckPlacementAsync(Plan plan, CancellationToken cancellationToken)
        {
            await using var cloud = new CloudSession(_options.Composition.Providers,
                new ProviderContext(_options.Credentials ?? new DefaultCredentialResolver(), _options.Log), _options.Cloud);
            return await PlacementCheck.RunAsync(plan, cloud, _options.Log, cancellationToken).ConfigureAwait(false);
        }

        public async Task<Plan> PlanDestroyAsync(string clusterName, CancellationToken cancellationToken) =>
            Planner.CreateDestroy(await GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false));

        /// <summary>Brings the cluster to the spec: lock, plan against fresh state, run, release.</summary>
        public async Task<ApplyResult> ApplyAsync(ClusterSpec desired, ApplyOptions? options, IProgress<EngineEvent>? progress, CancellationToken cancellationToken)
        {
            options ??= ApplyOptions.Default;
            Validate(desired);
            var lease = await Store.AcquireLockAsync(desired.Name, "apply", cancellationToken).ConfigureAwait(false);
            var session = HostSession.Locked(_options, Store, desired.Name);
            try
            {
                var current = await LoadOrRefuseLostAsync(desired.Name, options.ForgetLostState, cancellationToken).ConfigureAwait(false);
                if (current is null && options.ForgetLostState) await SetAsideLostStateAsync(lease, cancellationToken).ConfigureAwait(false);
                if (options.MustBeNew && current is not null) throw Exists(desired.Name);
                var refreshed = await RefreshLockedAsync(current, desired, options, session, cancellationToken).ConfigureAwait(false);
                current = current is null ? null : AbandonedRun.ForgetTouchedLayers(current, desired);
                var health = await ProbeAsync(desired, current, cancellationToken).ConfigureAwait(false);
                var plan = Planner.Create(desired, current, options.Plan ?? PlanOptions.ScopeOf(current), refreshed, health, cancellationToken);
                CheckExpected(plan, options.ExpectedPlanId);
                current = current is null ? new ClusterState { Name = desired.Name } : JournalRebase.Onto(current, plan);
                if (plan.IsEmpty)
                {
                    var closed = current.Journal is null ? current : await CloseJournalAsync(lease, plan, current, progress).ConfigureAwait(false);
                    return new ApplyResult(plan, closed) { RoundTrips = session.RoundTrips(current.Nodes.Select(n => n.Name)) };
                }
                return await RunAsync(lease, plan, current, session, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await session.DisposeAsync().ConfigureAwait(false);
                await lease.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Resumes an interrupted run, or re-applies the last applied spec (repairing what drifted in state).</summary>
        public async Task<ApplyResult> SyncAsync(string clusterName, ApplyOptions? options, IProgress<EngineEvent>? progress, CancellationToken cancellationToken)
        {
            var spec = await GetSpecAsync(clusterName, cancellationToken).ConfigureAwait(false);
            return await ApplyAsync(spec, options, progress, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Removes every node and resource of the cluster, then its state.</summary>
        public async Task<ApplyResult> DestroyAsync(string clusterName, string? expectedPlanId, IProgress<EngineEvent>? progress, CancellationToken cancellationToken)
        {
            var lease = await Store.AcquireLockAsync(clusterName, "destroy", cancellationToken).ConfigureAwait(false);
            var session = HostSession.Locked(_options, Store, clusterName);
            try
            {
                var current = await GetClusterAsync(clusterName, cancellationToken).ConfigureAwait(false);
                var plan = Planner.CreateDestroy(current);
                CheckExpected(plan, expectedPlanId);
                return await RunAsync(lease, plan, current, session, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await session.DisposeAsync().ConfigureAwait(false);
                await lease.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Breaks a lock left by a crashed run; returns who held it. Refuses the lock of a run still going on this host.</summary>
        public Task<LockHolder?> UnlockAsync(string clusterName, CancellationToken cancellationToken) =>
            UnlockAsync(clusterName, force: false, cancellationToken);

        /// <summary>As <see cref="UnlockAsync(string, CancellationToken)"/>; <paramref name="force"/> removes also the lock of a live run.</summary>
        public Task<LockHolder?> UnlockAsync(string clusterName, bool force, CancellationToken cancellationToken) =>
            Store.BreakLockAsync(clusterName, force, cancellationToken);

        /// <summary>
        /// The cluster's state, or null for a new cluster. A folder that lost its state.json but still holds history,
        /// keys or logs is StateMissing, unless the user chose to build the cluster as new.
        /// </summary>
        private async Task<ClusterState?> LoadOrRefuseLostAsync(string name, bool forgetLostState, CancellationToken cancellationToken)
        {
            var current = await Store.LoadAsync(name, cancellationToken).ConfigureAwait(false);
            if (current is not null || forgetLostState) return current;
            var leftovers = await Store.DescribeLostStateAsync(name, cancellationToken).ConfigureAwait(false);
            if (leftovers is not null) throw LostStateError(name, leftovers);
            return null;
        }

        private async Task SetAsideLostStateAsync(StateLease lease, CancellationToken cancellationToken)
        {
            var setAside = await Store.SetAsideLostStateAsync(lease, cancellationToken).ConfigureAwait(false);
            if (setAside is not null)
                _options.Log.Write(LogLevel.Warning, $"cluster '{lease.ClusterName}' is built as new, as asked; the history of its lost state is kept in '{setAside}'");
        }

        private MultiCloudException LostStateError(string name, string leftovers) =>
            new MultiCloudException(ErrorIds.StateMissing, ErrorKind.InvalidData,
                $"cluster '{name}' has no state.json in {Store.Location}, but its folder still holds the traces of one ({leftovers}): the state was deleted or lost. " +
                "Restore it (copy the newest history/state.N.json to state.json), or, to build the cluster as new (every machine registered again, host keys learned again), " +
                "run again with -ForgetLostState (New-MCCluster) or --forget-lost-state (multicloud apply)") { Target = name };

        private async Task<ApplyResult> RunAsync(StateLease lease, Plan plan, ClusterState current, HostSession session, IProgress<EngineEvent>? progress,
            CancellationToken cancellationToken)
        {
            var services = await session.ServicesAsync(cancellationToken).ConfigureAwait(false);
            var composition = _options.Composition;
            try
            {
                var executor = new PlanExecutor(Store, new StepHandlerRegistry(composition.StepHandlers(new StepHandlerSetup(composition.KubernetesApi, _options.Kubernetes))),
                    new ExecutorOptions { MaxParallelTargets = _options.MaxParallelTargets });
                var state = await executor.RunAsync(lease, plan, current, services, progress, cancellationToken).ConfigureAwait(false);
                return new ApplyResult(plan, state) { RoundTrips = session.RoundTrips(plan.Nodes.Select(node => node.Name).Concat(plan.RemovedNodes)) };
            }
            finally
            {
                await ForgetSettledHostKeysAsync(services.ClusterDirectory, plan.ClusterName).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Ends the journal of a stopped run when nothing is left to do for the desired spec: that spec is then what
        /// the cluster is. Otherwise the journal would stay for good, and GetSpecAsync and SyncAsync would keep
        /// offering the stopped run's spec, also one the user gave up.
        /// </summary>
        private async Task<ClusterState> CloseJournalAsync(StateLease lease, Plan plan, ClusterState current, IProgress<EngineEvent>? progress)
        {
            var saved = await Store.SaveAsync(lease, current with { Journal = null, AppliedSpec = plan.Desired }, CancellationToken.None).ConfigureAwait(false);
            var message = $"nothing left to do: cluster '{plan.ClusterName}' already matches its spec; the record of the run that stopped is closed";
            _options.Log.Write(LogLevel.Information, message);
            progress?.Report(new EngineEvent { Kind = EngineEventKind.RunFinished, Message = message, PercentComplete = 100 });
            return saved;
        }

        /// <summary>
        /// Removes the host key pairs of machines the saved state now records with their key pinned. Never fails the
        /// run: a pair left behind is used again by the next run, and removed then.
        /// </summary>
        private async Task ForgetSettledHostKeysAsync(string directory, string clusterName)
        {
            try
            {
                HostKeyFiles.DeleteSettled(directory, await Store.LoadAsync(clusterName, CancellationToken.None).ConfigureAwait(false));
            }
            catch (Exception e) when (e is MultiCloudException || e is IOException || e is UnauthorizedAccessException)
            {
                _options.Log.Write(LogLevel.Warning, $"could not tidy the pending host keys of cluster '{clusterName}': {e.Message}");
            }
        }

        /// <summary>Which load-balancer nodes answer now (only where the cluster already keeps DNS records for them).</summary>
        private Task<LoadBalancerHealth> ProbeAsync(ClusterSpec desired, ClusterState? current, CancellationToken cancellationToken) =>
            _options.Composition.LoadBalancerProbe(_options.LoadBalancerProbeTimeout).ProbeAsync(desired, current, cancellationToken);

        private static void CheckExpected(Plan plan, string? expectedPlanId)
        {
            if (expectedPlanId is not null && plan.Id != expectedPlanId)
                throw new MultiCloudException(ErrorIds.PlanStale, ErrorKind.InvalidData,
                    $"the plan for cluster '{plan.ClusterName}' changed since it was shown (another run or a state change); review the new plan and apply again") { Target = plan.ClusterName };
        }

        private MultiCloudException Exists(string name) =>
            new MultiCloudException(ErrorIds.ClusterExists, ErrorKind.AlreadyExists,
                $"cluster '{name}' already exists in {Store.Location}; use Sync-MCCluster, Add-MCNodePool or Set-MCNodePool (or `multicloud apply`) to change it") { Target = name };

        private static IReadOnlyList<ClusterSpec> Require(ManifestLoadResult result, string file)
        {
            if (!result.IsValid) throw new ManifestException(file, result.Diagnostics);
            return result.Clusters;
        }

        private async Task<MultiCloudException> NotFoundAsync(string name, CancellationToken cancellationToken)
        {
            if (!Wildcard.HasWildcards(name) && ClusterNames.IsValid(name))
            {
                var leftovers = await Store.DescribeLostStateAsync(name, cancellationToken).ConfigureAwait(false);
                if (leftovers is not null) return LostStateError(name, leftovers);
            }
            return ClusterNotFound(name, await Store.ListAsync(cancellationToken).ConfigureAwait(false));
        }
    }
}
