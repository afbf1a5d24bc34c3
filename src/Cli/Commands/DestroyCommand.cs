using System.CommandLine;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud destroy NAME [--yes]`: shows what goes, asks, then removes every node, resource and the state.</summary>
    internal static class DestroyCommand
    {
        public static Command Create(HostContext host)
        {
            var name = VerbOptions.ClusterName();
            var yes = VerbOptions.Yes();
            var command = new Command("destroy", "Remove every node and resource of a cluster, then its state");
            command.Add(name);
            command.Add(yes);
            VerbAction.Set(command, host, async invocation =>
            {
                var cluster = invocation.Get(name)!;
                var plan = await invocation.Client.PlanDestroyAsync(cluster, invocation.CancellationToken).ConfigureAwait(false);
                var question = $"Destroy cluster {cluster} ({plan.Tasks.Count} task(s))? This cannot be undone.";
                var what = $"destroy cluster {cluster}";
                if (!RunReporting.Confirm(invocation, plan, invocation.Get(yes), question, what)) return ExitCodes.EngineError;
                var result = await RunReporting.WithProgressAsync(invocation,
                    progress => invocation.Client.DestroyAsync(cluster, plan.Id, progress, invocation.CancellationToken)).ConfigureAwait(false);
                RunReporting.Summarize(invocation, result, "destroyed");
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
