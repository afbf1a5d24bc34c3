using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Execution
{
    /// <summary>
    /// One run of a plan: tasks and steps in order, the journal saved after every step so that a run that stops
    /// (failure, cancellation, crash) resumes where it stopped when the same plan runs again.
    /// </summary>
    internal sealed class PlanRun
    {
        private readonly IStateStore store;
        private readonly StepHandlerRegistry handlers;
        private readonly ExecutorOptions options;
        private readonly StateLease lease;
        private readonly Plan plan;
        private readonly RunServices services;
        private readonly RunProgress events;
        private readonly WorkingState working;
        private readonly SemaphoreSlim saveGate = new SemaphoreSlim(1, 1);
        private JournalState? journal;

        public PlanRun(IStateStore store, StepHandlerRegistry handlers, ExecutorOptions options, StateLease lease, Plan plan, RunServices services, RunProgress events, ClusterState current)
        {
            this.store = store;
            this.handlers = handlers;
            this.options = options;
            this.lease = lease;
            this.plan = plan;
            this.services = services;
            this.events = events;
            working = new WorkingState(current);
        }

        public async Task<ClusterState> RunAsync(CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw Canceled("before it started");
            }

            events.Report(EngineEventKind.RunStarted, $"applying plan {plan.Id} to cluster '{plan.ClusterName}': {plan.Tasks.Count} tasks");
            // Front ends showed the notices with the plan; the run log keeps them next to what the run did.
            foreach (var notice in plan.Notices)
            {
                events.Log(LogLevel.Information, "plan notice: " + notice.Message);
            }

            await StartJournalAsync().ConfigureAwait(false);
            foreach (var task in plan.Tasks)
            {
                await RunTaskAsync(task, cancellationToken).ConfigureAwait(false);
            }

            return await FinishAsync().ConfigureAwait(false);
        }

        private JournalState Journal => journal ?? throw new InvalidOperationException("the run has no journal");

        private async Task StartJournalAsync()
        {
            var previous = working.Current.Journal;
            if (previous is not null && previous.PlanId == plan.Id)
            {
                journal = previous;
                events.Log(LogLevel.Information, $"resuming plan {plan.Id} started {previous.StartedAt:u}: {previous.CompletedSteps.Count} steps were done before");
                if (working.Current.Id is null)
                {
                    working.Replace(ClusterIds.Ensure(working.Current));
                    await SaveAsync().ConfigureAwait(false);
                }
                return;
            }

            if (previous is not null)
            {
                events.Report(
                    EngineEventKind.Warning,
                    $"the previous run (plan {previous.PlanId}, started {previous.StartedAt:u}) did not finish and its plan differs from this one; the state has moved on to this plan");
            }

            journal = new JournalState { PlanId = plan.Id, DesiredSpec = plan.Desired, StartedAt = DateTimeOffset.UtcNow };
            // The id is saved with the journal, before any step: cloud resources are tagged with it from the first create.
            working.Replace(ClusterIds.Ensure(working.Current) with { Until = plan.Until == ClusterLayer.Storage ? (ClusterLayer?)null : plan.Until });
            await SaveAsync().ConfigureAwait(false);
        }

        private async Task RunTaskAsync(PlanTask task, CancellationToken cancellationToken)
        {
            if (task.Steps.Count > 0 && task.Steps.All(step => Journal.IsStepCompleted(Key(task, step))))
            {
                // Its records were saved with its last step; applying them again changes nothing.
                working.RecordApplied(task.RecordsApplied);
                events.AddDone(task.Steps.Sum(step => step.Targets.Count));
                events.Report(EngineEventKind.TaskSkipped, task.Description + " (done by an earlier run)", task);
                return;
            }

            var stopwatch = Stopwatch.StartNew();
            events.Report(EngineEventKind.TaskStarted, task.Description, task);
            for (var i = 0; i < task.Steps.Count; i++)
            {
                var step = task.Steps[i];
                if (Journal.IsStepCompleted(Key(task, step)))
                {
                    events.AddDone(step.Targets.Count);
                    events.Report(EngineEventKind.StepSkipped, step.Description + " (done by an earlier run)", task, step);
                    continue;
                }

                await RunStepAsync(task, step, isLastOfTask: i == task.Steps.Count - 1, cancellationToken).ConfigureAwait(false);
            }

            if (task.Steps.Count == 0 && task.RecordsApplied.Count > 0)
            {
                working.RecordApplied(task.RecordsApplied);
                await SaveAsync().ConfigureAwait(false);
            }

            events.Report(EngineEventKind.TaskFinished, task.Description, task, duration: stopwatch.Elapsed);
        }

        private async Task RunStepAsync(PlanTask task, PlanStep step, bool isLastOfTask, CancellationToken cancellationToken)
        {
            var key = Key(task, step);
            var doneBefore = new HashSet<string>(Journal.CompletedTargetsOf(key), StringComparer.Ordinal);
            if (cancellationToken.IsCancellationRequested)
            {
                await StopAsync(task, step, doneBefore.ToList(), Canceled($"before step '{key}'")).ConfigureAwait(false);
                return;
            }

            var remaining = step.Targets.Where(target => !doneBefore.Contains(target)).ToList();
            events.AddDone(step.Targets.Count - remaining.Count);
            var resumeNote = doneBefore.Count > 0 ? $" ({step.Targets.Count - remaining.Count} of {step.Targets.Count} targets done by an earlier run)" : string.Empty;
            events.Report(EngineEventKind.StepStarted, step.Description + resumeNote, task, step);

            var stopwatch = Stopwatch.StartNew();
            var context = new StepContext { Plan = plan, Task = task, Step = step, State = working.Current, Services = services };
            var handler = handlers.Get(step.Kind);
            Func<IReadOnlyList<string>, Task>? recordTargets = handler is IRecordsEachTarget
                ? finishedNow => SaveProgressAsync(key, doneBefore.Concat(finishedNow).ToList())
                : null;
            var fanOut = new StepFanOut(context, handler, working, events, options.MaxParallelTargets, recordTargets);
            var outcome = await fanOut.RunAsync(remaining, cancellationToken).ConfigureAwait(false);

            var finishedNow = new HashSet<string>(outcome.CompletedTargets, StringComparer.Ordinal);
            var finished = step.Targets.Where(target => doneBefore.Contains(target) || finishedNow.Contains(target)).ToList();
            if (outcome.Failure is not null)
            {
                await StopAsync(task, step, finished, outcome.Failure).ConfigureAwait(false);
                return;
            }

            if (remaining.Any(target => !finishedNow.Contains(target)))
            {
                await StopAsync(task, step, finished, Canceled($"during step '{key}'")).ConfigureAwait(false);
                return;
            }

            journal = Journal.WithStepCompleted(key);
            if (isLastOfTask)
            {
                working.RecordApplied(task.RecordsApplied);
            }

            await SaveAsync().ConfigureAwait(false);
            events.Report(EngineEventKind.StepFinished, step.Description, task, step, duration: stopwatch.Elapsed);
        }

        /// <summary>Records what finished and why the run stopped, then throws <paramref name="error"/>.</summary>
        private async Task StopAsync(PlanTask task, PlanStep step, IReadOnlyList<string> finishedTargets, MultiCloudException error)
        {
            journal = Journal.WithStop(Key(task, step), finishedTargets, error);
            try
            {
                await SaveAsync().ConfigureAwait(false);
            }
            catch (Exception saveError)
            {
                // The step's error is what the user must see; the failed save is reported beside it.
                events.Report(EngineEventKind.Warning, $"the state could not be saved after the run stopped, so it may lack what this run did: {saveError.Message}", task, step);
            }

            events.Report(EngineEventKind.RunFailed, error.Message, task, step, error.Target, error: error);
            ExceptionDispatchInfo.Capture(error).Throw();
        }

        private async Task<ClusterState> FinishAsync()
        {
            if (plan.IsDestroy)
            {
                await store.DeleteAsync(lease, CancellationToken.None).ConfigureAwait(false);
                journal = null;
                var removed = working.Current with { Journal = null };
                events.Report(EngineEventKind.RunFinished, $"cluster '{plan.ClusterName}' is removed and its state deleted");
                return removed;
            }

            journal = null;
            working.Replace(working.Current with { AppliedSpec = plan.Desired });
            await SaveAsync().ConfigureAwait(false);
            events.Report(EngineEventKind.RunFinished, $"cluster '{plan.ClusterName}' matches plan {plan.Id}");
            return working.Current;
        }

        /// <summary>Saves with CancellationToken.None: once work is done on the nodes, recording it must not be skipped.</summary>
        private async Task SaveAsync()
        {
            await saveGate.WaitAsync().ConfigureAwait(false);
            try
            {
                var saved = await store.SaveAsync(lease, working.Current with { Journal = journal }, CancellationToken.None).ConfigureAwait(false);
                working.Replace(saved);
            }
            finally
            {
                saveGate.Release();
            }
        }

        /// <summary>
        /// Saves the state in the middle of a step whose handler records each target (cloud machines): what exists
        /// is on disk as soon as it exists, with the targets finished so far in the journal. Other targets may apply
        /// their updates meanwhile, so only the saved serial is taken over, never the saved snapshot.
        /// </summary>
        private async Task SaveProgressAsync(string stepKey, IReadOnlyList<string> finishedTargets)
        {
            await saveGate.WaitAsync().ConfigureAwait(false);
            try
            {
                var progress = Journal.WithTargetsDone(stepKey, finishedTargets);
                var saved = await store.SaveAsync(lease, working.Current with { Journal = progress }, CancellationToken.None).ConfigureAwait(false);
                working.Apply(state => state with { Serial = saved.Serial, UpdatedAt = saved.UpdatedAt, FormatVersion = saved.FormatVersion });
            }
            finally
            {
                saveGate.Release();
            }
        }

        private MultiCloudException Canceled(string when) =>
            new MultiCloudException(
                ErrorIds.OperationCanceled,
                ErrorKind.Canceled,
                $"the run of plan {plan.Id} on cluster '{plan.ClusterName}' was canceled {when}; what finished is recorded, and running the same plan again resumes from there")
            {
                Target = plan.ClusterName,
            };

        private static string Key(PlanTask task, PlanStep step) => JournalEdits.StepKey(task.Id, step.Name);
    }
}
