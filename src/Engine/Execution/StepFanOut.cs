using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Execution
{
    /// <summary>How one step's targets ended: those that finished, and the first failure if there was one.</summary>
    internal sealed record StepOutcome(IReadOnlyList<string> CompletedTargets, MultiCloudException? Failure, string? FailedTarget);

    /// <summary>
    /// Runs one step on its targets, at most a given number at once, started in the order the plan lists them.
    /// The first failure cancels the targets still running and keeps the rest from starting; every target that
    /// finished has its state update applied, in the order they finished.
    /// </summary>
    internal sealed class StepFanOut
    {
        private readonly StepContext context;
        private readonly IStepHandler handler;
        private readonly WorkingState working;
        private readonly RunProgress events;
        private readonly int maxParallelTargets;
        private readonly Func<IReadOnlyList<string>, Task>? recordTargets;
        private readonly object gate = new object();
        private readonly List<string> completed = new List<string>();
        private MultiCloudException? failure;
        private string? failedTarget;

        /// <param name="recordTargets">Called after each finished target with every target finished so far (saves the state), or null.</param>
        public StepFanOut(StepContext context, IStepHandler handler, WorkingState working, RunProgress events, int maxParallelTargets,
            Func<IReadOnlyList<string>, Task>? recordTargets = null)
        {
            this.recordTargets = recordTargets;
            this.context = context;
            this.handler = handler;
            this.working = working;
            this.events = events;
            this.maxParallelTargets = maxParallelTargets;
        }

        public async Task<StepOutcome> RunAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
        {
            using var stepCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var slots = new SemaphoreSlim(maxParallelTargets, maxParallelTargets);
            var running = new List<Task>();
            foreach (var target in targets)
            {
                try
                {
                    await slots.WaitAsync(stepCancellation.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                // Task.Run so that a handler doing blocking work before its first await cannot hold up the others.
                running.Add(Task.Run(() => RunTargetAsync(target, slots, stepCancellation)));
            }

            await Task.WhenAll(running).ConfigureAwait(false);
            lock (gate)
            {
                return new StepOutcome(completed.ToList(), failure, failedTarget);
            }
        }

        private async Task RunTargetAsync(string target, SemaphoreSlim slots, CancellationTokenSource stepCancellation)
        {
            try
            {
                if (stepCancellation.IsCancellationRequested)
                {
                    return;
                }

                events.Report(EngineEventKind.TargetStarted, context.Step.Description, context.Task, context.Step, target);
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    var update = await handler.RunAsync(context, target, stepCancellation.Token).ConfigureAwait(false);
                    if (update is not null)
                    {
                        working.Apply(update);
                    }
                }
                catch (Exception e) when (stepCancellation.IsCancellationRequested)
                {
                    // Stopped because of another target's failure or the caller's cancellation; not a failure of its own.
                    events.Log(LogLevel.Verbose, $"TargetStopped {context.Task.Id}/{context.Step.Name} [{target}]: {e.Message}");
                    return;
                }
                catch (Exception e)
                {
                    Fail(target, e, stopwatch.Elapsed, stepCancellation);
                    return;
                }

                IReadOnlyList<string> finishedSoFar;
                lock (gate)
                {
                    completed.Add(target);
                    finishedSoFar = completed.ToList();
                }

                if (recordTargets is not null)
                {
                    try
                    {
                        await recordTargets(finishedSoFar).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        // The target did finish; what failed is recording it, and that stops the step like a failure.
                        Fail(target, e, stopwatch.Elapsed, stepCancellation);
                        return;
                    }
                }

                events.AddDone(1);
                events.Report(EngineEventKind.TargetFinished, context.Step.Description, context.Task, context.Step, target, stopwatch.Elapsed);
            }
            finally
            {
                slots.Release();
            }
        }

        /// <summary>Records the first failure, reports it, and stops the other targets.</summary>
        private void Fail(string target, Exception exception, TimeSpan elapsed, CancellationTokenSource stepCancellation)
        {
            var error = AsEngineError(exception, target);
            RecordFailure(target, error);
            events.Report(EngineEventKind.TargetFailed, error.Message, context.Task, context.Step, target, elapsed, error);
            stepCancellation.Cancel();
        }

        private void RecordFailure(string target, MultiCloudException error)
        {
            lock (gate)
            {
                if (failure is null)
                {
                    failure = error;
                    failedTarget = target;
                }
            }
        }

        private MultiCloudException AsEngineError(Exception exception, string target) =>
            exception as MultiCloudException
            ?? new MultiCloudException(
                ErrorIds.StepFailed,
                ErrorKind.Failed,
                $"step '{context.Step.Name}' of task '{context.Task.Id}' failed on {target}: {exception.Message}",
                exception)
            {
                Target = target,
            };
    }
}
