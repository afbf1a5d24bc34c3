using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
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
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// What every MultiCloud cmdlet shares: Ctrl+C cancels the engine, engine failures become error records with the
    /// engine's id, <see cref="RunEngine{T}(string, Func{MultiCloudClient, IProgress{EngineEvent}, CancellationToken, Task{T}})"/>
    /// is the one place that waits for the engine while showing its output on the pipeline thread, and
    /// <see cref="ConfirmAndRun"/> is the one way a plan is shown, confirmed and run (here or as a job).
    /// Derived cmdlets override ProcessRecordCore and EndProcessingCore.
    /// </summary>
    public abstract class MultiCloudCmdlet : PSCmdlet, IEngineStreams
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

        /// <summary>True when the cmdlet was asked to start its run as a job (-AsJob).</summary>
        protected virtual bool RunAsJob => false;

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
        /// Runs an engine call on the thread pool and, on the pipeline thread, writes its events as progress (under
        /// <paramref name="progressActivity"/>, when given) and its log lines as verbose, warning and debug output,
        /// in order, until it ends. Returns its result or rethrows its failure.
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
                    EngineOutput.Show(item, view, this);
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

        /// <summary>
        /// Shows a planned run and runs it when confirmed: -WhatIf prints the plan and changes nothing; a plan that
        /// changes nothing runs without a question (the engine decides, as in the console host); -Force skips the
        /// question; otherwise ShouldProcess asks with the engine's question. The run goes ahead here, or as a job
        /// with -AsJob; <paramref name="output"/> turns its result into what the cmdlet writes (null: nothing).
        /// </summary>
        protected void ConfirmAndRun(PlannedRun run, bool force, Func<MultiCloudClient, ApplyResult, CancellationToken, Task<object?>> output)
        {
            var plan = PlanText.Render(run.Plan);
            if (WhatIfRequested || (run.NeedsConfirmation && !force))
            {
                if (!ShouldProcess(plan, plan + Environment.NewLine + run.Question, MyInvocation.MyCommand.Name)) return;
            }

            Func<MultiCloudClient, IProgress<EngineEvent>, CancellationToken, Task<object?>> work = async (client, progress, cancellationToken) =>
                await output(client, await client.RunAsync(run, progress, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (RunAsJob)
            {
                var job = new EngineJob(MyInvocation.Line, run.Action);
                JobRepository.Add(job);
                job.Start(CreateClient, work);
                WriteObject(job);
                return;
            }
            var value = RunEngine(run.Action, work);
            if (value is not null) WriteObject(value);
        }

        /// <summary>The cluster as the run left it, for cmdlets that write it.</summary>
        protected static async Task<object?> ClusterAfter(MultiCloudClient client, ApplyResult result, CancellationToken cancellationToken) =>
            await client.ClusterAfterAsync(result, cancellationToken).ConfigureAwait(false);

        /// <summary>One node pool of a cluster as the run left it, for cmdlets that write it.</summary>
        protected static Func<MultiCloudClient, ApplyResult, CancellationToken, Task<object?>> NodePoolAfter(string clusterName, string poolName) =>
            async (client, _, cancellationToken) =>
                (await client.SelectNodePoolsAsync(clusterName, new[] { poolName }, cancellationToken).ConfigureAwait(false)).Items.FirstOrDefault();

        /// <summary>The cluster as the run left it with -PassThru, else nothing.</summary>
        protected static Func<MultiCloudClient, ApplyResult, CancellationToken, Task<object?>> ClusterAfterIf(bool passThru) =>
            passThru ? ClusterAfter : (_, _, _) => Task.FromResult<object?>(null);

        /// <summary>
        /// Plans an edit of a cluster's spec in the engine and confirms and runs it like any other run (<see cref="ConfirmAndRun"/>).
        /// </summary>
        protected void EditAndRun(string clusterName, Func<ClusterSpec, ClusterSpec> edit, string action, ClusterLayer? until, bool force,
            Func<MultiCloudClient, ApplyResult, CancellationToken, Task<object?>> output)
        {
            var planOptions = PlanOptionsFor(until);
            var run = RunEngine((client, cancellationToken) => client.PlanEditAsync(clusterName, edit, action, planOptions, cancellationToken));
            ConfirmAndRun(run, force, output);
        }

        /// <summary>Writes what a query selected, then a NotFound error for each plain name that matched nothing.</summary>
        protected void WriteSelection<T>(Selection<T> selection)
        {
            foreach (var item in selection.Items) WriteObject(item);
            foreach (var missing in selection.NotFound) WriteError(ErrorRecords.From(missing));
        }

        /// <summary>
        /// The manifest files named by -Path (wildcards expand; a pattern that matches nothing names nothing, a plain
        /// path that does not exist is left for the engine to report as ManifestNotFound) and -LiteralPath (taken as is).
        /// </summary>
        protected IEnumerable<string> ManifestFiles(IEnumerable<string>? paths, IEnumerable<string>? literalPaths)
        {
            foreach (var path in paths ?? Array.Empty<string>())
            {
                if (!WildcardPattern.ContainsWildcardCharacters(path))
                {
                    yield return FileSystemPath(path);
                    continue;
                }
                Collection<string> resolved;
                try
                {
                    resolved = GetResolvedProviderPathFromPSPath(path, out _);
                }
                catch (ItemNotFoundException)
                {
                    continue;
                }
                foreach (var file in resolved.OrderBy(f => f, StringComparer.Ordinal)) yield return file;
            }
            foreach (var literal in literalPaths ?? Array.Empty<string>()) yield return FileSystemPath(literal);
        }

        /// <summary>-PlanOptions from -Until; without it, null: the engine keeps the scope the cluster's state records.</summary>
        protected static PlanOptions? PlanOptionsFor(ClusterLayer? until) =>
            until is ClusterLayer layer ? new PlanOptions { Until = layer } : null;

        /// <summary>A failure raised by the cmdlet itself, reported like an engine failure.</summary>
        protected static MultiCloudException Failure(string errorId, ErrorKind kind, string message, string? target) =>
            new MultiCloudException(errorId, kind, message) { Target = target };

        void IEngineStreams.WriteProgress(ProgressRecord record) => WriteProgress(record);

        void IEngineStreams.WriteVerbose(string text) => WriteVerbose(text);

        void IEngineStreams.WriteWarning(string text) => WriteWarning(text);

        void IEngineStreams.WriteDebug(string text) => WriteDebug(text);

        // -WhatIf given, or $WhatIfPreference set by the caller.
        private bool WhatIfRequested =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
                ? ((SwitchParameter)whatIf).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        // Created on first use, which is always on the pipeline thread (path resolution needs it).
        private MultiCloudClient Client => _client ??= CreateClient(_output);

        private MultiCloudClient CreateClient(IEngineLog log) =>
            new MultiCloudClient(new MultiCloudClientOptions { StateDirectory = StateDirectoryPath, Log = log });

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
