using System.CommandLine;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>
    /// `multicloud apply [FILE] [--until LAYER] [--yes]`: shows each cluster's plan, asks, then applies exactly that
    /// plan (the engine refuses with PlanStale if it changed in between). When one cluster fails, the others still run.
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
            VerbAction.Set(command, host, invocation =>
            {
                var planOptions = VerbOptions.PlanOptionsFor(invocation.Get(until));
                return RunReporting.ForEachClusterAsync(invocation, source.Load(invocation), async cluster =>
                {
                    var run = await invocation.Client.PlanApplyAsync(cluster, planOptions, invocation.Get(forgetLostState), invocation.CancellationToken).ConfigureAwait(false);
                    return await RunReporting.ConfirmAndRunAsync(invocation, run, invocation.Get(yes), "applied").ConfigureAwait(false);
                });
            });
            return command;
        }
    }
}
