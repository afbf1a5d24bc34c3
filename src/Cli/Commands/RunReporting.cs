using System;
using System.Threading.Tasks;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cli.Commands
{
    /// <summary>What apply, sync and destroy share: confirming a shown plan, showing progress, summing up the result.</summary>
    internal static class RunReporting
    {
        /// <summary>
        /// Prints the plan and asks <paramref name="question"/> unless --yes was given. False when the user said no;
        /// ConfirmationRequired when nobody can answer.
        /// </summary>
        public static bool Confirm(Invocation invocation, Plan plan, bool yes, string question, string whatWouldHappen)
        {
            PlanPrinter.Write(invocation.Terminal, plan);
            if (yes) return true;
            if (Confirmation.Ask(invocation.Terminal, question, whatWouldHappen)) return true;
            invocation.Terminal.Error.WriteLine($"cluster {plan.ClusterName}: not confirmed; nothing was changed");
            return false;
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
                output.WriteLine($"cluster {name}: {verbed}; ran {result.Plan.Tasks.Count} task(s); status {result.Cluster!.Status}");
            output.Flush();
        }
    }
}
