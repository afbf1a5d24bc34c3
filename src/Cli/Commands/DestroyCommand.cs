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
                var run = await invocation.Client.PlanDeleteAsync(invocation.Get(name)!, invocation.CancellationToken).ConfigureAwait(false);
                return await RunReporting.ConfirmAndRunAsync(invocation, run, invocation.Get(yes), "destroyed").ConfigureAwait(false);
            });
            return command;
        }
    }
}
