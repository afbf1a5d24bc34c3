using System;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Execution
{
    /// <summary>
    /// Carries out a plan: tasks and steps in order, each step on its targets in parallel (bounded), the state and
    /// journal saved after every step. The first failure stops the run with everything that finished recorded; the
    /// same plan run again skips what is recorded and resumes.
    /// </summary>
    public sealed class PlanExecutor
    {
        private readonly IStateStore store;
        private readonly StepHandlerRegistry handlers;
        private readonly ExecutorOptions options;

        public PlanExecutor(IStateStore store, StepHandlerRegistry handlers, ExecutorOptions options)
        {
            this.store = store ?? throw new ArgumentNullException(nameof(store));
            this.handlers = handlers ?? throw new ArgumentNullException(nameof(handlers));
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.MaxParallelTargets < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.MaxParallelTargets, "MaxParallelTargets must be at least 1");
            }
        }

        /// <summary>
        /// Runs <paramref name="plan"/> from <paramref name="current"/> (the state as loaded under <paramref name="lease"/>)
        /// and returns the state saved at the end. <paramref name="progress"/> and services.Log are called from
        /// worker threads, several at once; each target's events arrive in order. Fails with the step's
        /// MultiCloudException (or StepFailed wrapping another exception), or OperationCanceled.
        /// </summary>
        public Task<ClusterState> RunAsync(
            StateLease lease,
            Plan plan,
            ClusterState current,
            RunServices services,
            IProgress<EngineEvent>? progress,
            CancellationToken cancellationToken)
        {
            if (lease is null)
            {
                throw new ArgumentNullException(nameof(lease));
            }

            if (plan is null)
            {
                throw new ArgumentNullException(nameof(plan));
            }

            if (current is null)
            {
                throw new ArgumentNullException(nameof(current));
            }

            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            var events = new RunProgress(plan, services.Log, progress);
            // An empty destroy plan (a cluster that never got a machine) still has state to delete.
            if (plan.IsEmpty && !plan.IsDestroy)
            {
                events.Report(EngineEventKind.RunFinished, $"nothing to do: cluster '{plan.ClusterName}' already matches its spec");
                return Task.FromResult(current);
            }

            return new PlanRun(store, handlers, options, lease, plan, services, events, current).RunAsync(cancellationToken);
        }
    }
}
