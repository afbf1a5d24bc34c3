using System.CommandLine;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Client;

namespace MultiCloud.Cli.Commands
{
    /// <summary>
    /// `multicloud apply [FILE] [--until LAYER] [--yes]`: shows each cluster's plan, asks, then applies exactly that
    /// plan (the engine refuses with PlanStale if it changed in between).
    /// </summary>
    internal static class ApplyCommand
    {
        public static Command Create(HostContext host)
        {
            var source = new ManifestSource();
            var until = VerbOptions.Until();
            var yes = VerbOptions.Yes();
            var forgetLostState = new Option<bool>("--forget-lost-state")
            {
                Description = "Build a cluster whose state.json is gone (its folder still has history, keys or logs) as new",
            };
            var command = new Command("apply", "Bring clusters to the manifest: show the plan, confirm, run it");
            source.AddTo(command);
            command.Add(until);
            command.Add(yes);
            command.Add(forgetLostState);
            VerbAction.Set(command, host, async invocation =>
            {
                var planOptions = VerbOptions.PlanOptionsFor(invocation.Get(until));
                var forget = invocation.Get(forgetLostState);
                foreach (var cluster in source.Load(invocation))
                {
                    var plan = await invocation.Client.PlanAsync(cluster, planOptions, forget, invocation.CancellationToken).ConfigureAwait(false);
                    if (!plan.IsEmpty)
                    {
                        var question = $"Apply {plan.Tasks.Count} task(s) to cluster {plan.ClusterName}?";
                        var what = $"apply {plan.Tasks.Count} task(s) to cluster {plan.ClusterName}";
                        if (!RunReporting.Confirm(invocation, plan, invocation.Get(yes), question, what)) return ExitCodes.EngineError;
                    }
                    var options = new ApplyOptions { Plan = planOptions, ExpectedPlanId = plan.Id, ForgetLostState = forget };
                    var result = await RunReporting.WithProgressAsync(invocation,
                        progress => invocation.Client.ApplyAsync(cluster, options, progress, invocation.CancellationToken)).ConfigureAwait(false);
                    RunReporting.Summarize(invocation, result, "applied");
                }
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
