using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// What every MultiCloud cmdlet shares: Ctrl+C cancels the engine, engine failures become error records with
    /// the engine's id, and <see cref="RunEngine{T}(string, Func{MultiCloudClient, IProgress{EngineEvent}, CancellationToken, Task{T}})"/>
    /// is the one place that waits for the engine while showing its progress on the pipeline thread.
    /// Derived cmdlets override ProcessRecordCore and EndProcessingCore.
    /// </summary>
    public abstract class MultiCloudCmdlet : PSCmdlet
    {
        // After Ctrl+C the engine gets this long to release its lock and save state before the pipeline stops.
        private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);

        // Not disposed: a run stopped with Ctrl+C may still be unwinding on the thread pool and reading the token.
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly EngineOutputQueue _output = new EngineOutputQueue();
        private MultiCloudClient? _client;

        protected sealed override void ProcessRecord() => Guard(ProcessRecordCore);

        protected sealed override void EndProcessing() => Guard(EndProcessingCore);

        protected override void StopProcessing() => _stopping.Cancel();

        protected virtual void ProcessRecordCore()
        {
        }

        protected virtual void EndProcessingCore()
        {
        }

        /// <summary>Runs the body; an engine failure becomes an error record (terminating for an invalid manifest).</summary>
        protected void Guard(Action body)
        {
            try
            {
                body();
            }
            catch (ManifestException invalid)
            {
                // Nothing sensible can follow from an invalid manifest; the message lists every problem.
                ThrowTerminatingError(ErrorRecords.From(invalid));
            }
            catch (MultiCloudException canceled) when (canceled.Kind == ErrorKind.Canceled && _stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (MultiCloudException failure)
            {
                WriteError(ErrorRecords.From(failure));
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>The state folder the client uses; null means the engine's default (MULTICLOUD_STATE_DIR or per-user).</summary>
        protected virtual string? StateDirectoryPath => null;

        /// <summary>A path as the engine needs it: relative to PowerShell's current location, not the process's.</summary>
        protected string FileSystemPath(string path) => GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>Runs an engine call on the thread pool and waits for it, showing its log lines as they come.</summary>
        protected T RunEngine<T>(Func<MultiCloudClient, CancellationToken, Task<T>> work) =>
            RunEngine(null, (client, _, cancellationToken) => work(client, cancellationToken));

        /// <summary>
        /// Runs an engine call on the thread pool and, on the pipeline thread, writes its events as progress
        /// (under <paramref name="progressActivity"/>, when given) and verbose lines, in order, until it ends.
        /// Returns its result or rethrows its failure.
        /// </summary>
        protected T RunEngine<T>(string? progressActivity, Func<MultiCloudClient, IProgress<EngineEvent>, CancellationToken, Task<T>> work)
        {
            var client = Client;
            var cancellationToken = _stopping.Token;
            var view = progressActivity is null ? null : new ProgressView(progressActivity);
            var task = Task.Run(() => work(client, _output, cancellationToken));
            try
            {
                foreach (var item in _output.TakeUntilDone(task, cancellationToken))
                {
                    Show(item, view);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                WaitQuietly(task, StopGracePeriod);
                throw new PipelineStoppedException();
            }
            finally
            {
                if (view != null && !cancellationToken.IsCancellationRequested)
                {
                    foreach (var record in view.CompleteAll()) WriteProgress(record);
                }
            }
            return task.GetAwaiter().GetResult();
        }

        /// <summary>Shows the plan through ShouldProcess (-WhatIf prints it, -Confirm asks); true when it is to run.</summary>
        protected bool ShouldProcessPlan(Plan plan, string action) =>
            ShouldProcess(PlanConfirmation.Description(plan), PlanConfirmation.Question(plan, action), MyInvocation.MyCommand.Name);

        /// <summary>
        /// Edits the cluster's spec in the engine, shows the plan of the edit through ShouldProcess and applies exactly
        /// that plan. Null when the user declined (or -WhatIf).
        /// </summary>
        protected ApplyResult? ApplyEdit(string clusterName, Func<ClusterSpec, ClusterSpec> edit, ClusterLayer? until, string action, string activity)
        {
            var spec = RunEngine((client, cancellationToken) => client.EditSpecAsync(clusterName, edit, cancellationToken));
            var planOptions = PlanOptionsFor(until);
            var plan = RunEngine((client, cancellationToken) => client.PlanAsync(spec, planOptions, cancellationToken));
            if (!ShouldProcessPlan(plan, action)) return null;

            var options = ApplyOptions.Confirmed(plan, planOptions);
            return RunEngine(activity, (client, progress, cancellationToken) => client.ApplyAsync(spec, options, progress, cancellationToken));
        }

        /// <summary>-Until as plan options; without it, null: the engine keeps the scope the cluster's state records.</summary>
        protected static PlanOptions? PlanOptionsFor(ClusterLayer? until) =>
            until is ClusterLayer layer ? new PlanOptions { Until = layer } : null;

        /// <summary>-NoRefresh as the engine's refresh mode.</summary>
        protected static RefreshMode RefreshFor(SwitchParameter noRefresh) => noRefresh ? RefreshMode.StateOnly : RefreshMode.CheckHosts;

        /// <summary>The cluster as a run left it.</summary>
        protected ClusterInfo ClusterInfoOf(ApplyResult result) =>
            result.Cluster is ClusterInfo cluster
                ? cluster
                : ClusterInfo.From(RunEngine((client, cancellationToken) => client.GetClusterAsync(result.Plan.ClusterName, cancellationToken)));

        /// <summary>One node pool of a cluster as it is now (after a run).</summary>
        protected NodePoolInfo NodePoolInfoOf(string clusterName, string poolName) =>
            RunEngine((client, cancellationToken) => client.GetNodePoolsAsync(clusterName, cancellationToken)).First(pool => pool.Name == poolName);

        /// <summary>A failure raised by the cmdlet itself, reported like an engine failure.</summary>
        protected static MultiCloudException Failure(string errorId, ErrorKind kind, string message, string? target) =>
            new MultiCloudException(errorId, kind, message) { Target = target };

        // Created on first use, which is always on the pipeline thread (path resolution needs it).
        private MultiCloudClient Client =>
            _client ??= new MultiCloudClient(new MultiCloudClientOptions { StateDirectory = StateDirectoryPath, Log = _output });

        private void Show(object item, ProgressView? view)
        {
            switch (item)
            {
                case EngineEvent engineEvent:
                    WriteVerbose(ProgressView.Describe(engineEvent));
                    if (engineEvent.Kind == EngineEventKind.Warning) WriteWarning(engineEvent.Message);
                    if (view != null)
                    {
                        foreach (var record in view.Update(engineEvent)) WriteProgress(record);
                    }
                    break;
                case EngineLogLine line when line.Level == LogLevel.Debug:
                    WriteDebug(line.Message);
                    break;
                case EngineLogLine line when line.Level == LogLevel.Warning:
                    WriteWarning(line.Message);
                    break;
                case EngineLogLine line:
                    // Errors the engine logs also reach the caller as the failure itself; verbose avoids saying it twice.
                    WriteVerbose(line.Level == LogLevel.Error ? "error: " + line.Message : line.Message);
                    break;
            }
        }

        private static void WaitQuietly(Task task, TimeSpan timeout)
        {
            try
            {
                task.Wait(timeout);
            }
            catch (AggregateException)
            {
                // The run was stopped; its failure is the cancellation the user asked for.
            }
        }
    }
}
