using System.CommandLine;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>
    /// `multicloud sync NAME [--until LAYER] [--yes]`: resumes an interrupted run, or re-applies the last applied spec.
    /// Like apply (and Sync-MCCluster) it shows the plan, asks when the plan changes something, and runs exactly it.
    /// </summary>
    internal static class SyncCommand
    {
        public static Command Create(HostContext host)
        {
            var name = VerbOptions.ClusterName();
            var until = VerbOptions.Until();
            var yes = VerbOptions.Yes();
            var command = new Command("sync", "Resume an interrupted run, or re-apply the cluster's last applied spec");
            command.Add(name);
            command.Add(until);
            command.Add(yes);
            VerbAction.Set(command, host, async invocation =>
            {
                var options = VerbOptions.PlanOptionsFor(invocation.Get(until));
                var run = await invocation.Client.PlanSyncAsync(invocation.Get(name)!, options, invocation.CancellationToken).ConfigureAwait(false);
                return await RunReporting.ConfirmAndRunAsync(invocation, run, invocation.Get(yes), "synced").ConfigureAwait(false);
            });
            return command;
        }
    }
}
