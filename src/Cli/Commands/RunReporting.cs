using System;
using System.Threading.Tasks;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cli.Commands
{
    /// <summary>What apply, sync and destroy share: confirming a planned run, showing progress, summing up the result.</summary>
    internal static class RunReporting
    {
        /// <summary>
        /// Prints the plan, asks the engine's question when the engine says the run needs one (unless --yes), then runs
        /// exactly that plan and sums it up. A declined run changes nothing and fails with EngineError, as before.
        /// </summary>
        public static async Task<int> ConfirmAndRunAsync(Invocation invocation, PlannedRun run, bool yes, string verbed)
        {
            PlanPrinter.Write(invocation.Terminal, run.Plan);
            if (run.NeedsConfirmation && !yes && !Confirmation.Ask(invocation.Terminal, run.Question, run.Action.ToLowerInvariant()))
            {
                invocation.Terminal.Error.WriteLine($"cluster {run.ClusterName}: not confirmed; nothing was changed");
                return ExitCodes.EngineError;
            }
            var result = await WithProgressAsync(invocation, progress => invocation.Client.RunAsync(run, progress, invocation.CancellationToken)).ConfigureAwait(false);
            Summarize(invocation, result, verbed);
            return ExitCodes.Success;
        }

        /// <summary>
        /// Runs a command over several clusters with the engine's batch policy: a failed cluster is reported and the
        /// others still run; the exit code is the first failure's (a refused confirmation counts as one).
        /// </summary>
        public static async Task<int> ForEachClusterAsync<T>(Invocation invocation, System.Collections.Generic.IEnumerable<T> clusters, Func<T, Task<int>> body)
        {
            var exitCode = ExitCodes.Success;
            var failures = await ClusterBatch.ForEachAsync(clusters, async cluster =>
            {
                var code = await body(cluster).ConfigureAwait(false);
                if (exitCode == ExitCodes.Success) exitCode = code;
            }, failure =>
            {
                invocation.Terminal.Error.ClearStatus();
                var code = new ErrorReporter(invocation.Terminal.Error, invocation.Debug).Report(failure);
                if (exitCode == ExitCodes.Success) exitCode = code;
            }).ConfigureAwait(false);
            return failures.Count > 0 && exitCode == ExitCodes.Success ? ExitCodes.EngineError : exitCode;
        }

        /// <summary>
        /// Runs an engine operation with progress on stderr; Ctrl+C during it cancels in order. The status line is
        /// gone afterwards however it ended.
        /// </summary>
        public static async Task<ApplyResult> WithProgressAsync(Invocation invocation, Func<IProgress<EngineEvent>, Task<ApplyResult>> run)
        {
            var progress = new ProgressPrinter(invocation.Terminal.Error);
            using var inRun = invocation.Interruption.EnterRun();
            try
            {
                return await run(progress).ConfigureAwait(false);
            }
            finally
            {
                progress.Complete();
            }
        }

        public static void Summarize(Invocation invocation, ApplyResult result, string verbed)
        {
            var output = invocation.Terminal.Out;
            var name = result.Plan.ClusterName;
            if (!result.Changed)
                output.WriteLine($"cluster {name}: nothing to do");
            else if (result.State is null || result.Plan.IsDestroy)
                output.WriteLine($"cluster {name}: {verbed}; ran {result.Plan.Tasks.Count} task(s)");
            else
                output.WriteLine($"cluster {name}: {verbed}; ran {result.Plan.Tasks.Count} task(s); status {ClusterInfo.From(result.State).Status}");
            output.Flush();
        }
    }
}
