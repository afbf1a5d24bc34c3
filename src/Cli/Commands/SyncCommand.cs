using System.CommandLine;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Client;

namespace MultiCloud.Cli.Commands
{
    /// <summary>
    /// `multicloud sync NAME [--no-refresh]`: resumes an interrupted run, or re-applies the last applied spec and repairs what
    /// the refresh found drifted on the hosts. It asks nothing: it
    /// carries on with what was already confirmed.
    /// </summary>
    internal static class SyncCommand
    {
        public static Command Create(HostContext host)
        {
            var name = VerbOptions.ClusterName();
            var until = VerbOptions.Until();
            var noRefresh = VerbOptions.NoRefresh();
            var command = new Command("sync", "Resume an interrupted run, or re-apply the cluster's last applied spec");
            command.Add(name);
            command.Add(until);
            command.Add(noRefresh);
            VerbAction.Set(command, host, async invocation =>
            {
                var cluster = invocation.Get(name)!;
                var options = new ApplyOptions { Plan = VerbOptions.PlanOptionsFor(invocation.Get(until)), Refresh = VerbOptions.RefreshFor(invocation.Get(noRefresh)) };
                var result = await RunReporting.WithProgressAsync(invocation,
                    progress => invocation.Client.SyncAsync(cluster, options, progress, invocation.CancellationToken)).ConfigureAwait(false);
                RunReporting.Summarize(invocation, result, "synced");
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
