using System.CommandLine;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>
    /// `multicloud sync NAME`: resumes an interrupted run, or re-applies the last applied spec. It asks nothing: it
    /// carries on with what was already confirmed.
    /// </summary>
    internal static class SyncCommand
    {
        public static Command Create(HostContext host)
        {
            var name = VerbOptions.ClusterName();
            var command = new Command("sync", "Resume an interrupted run, or re-apply the cluster's last applied spec");
            command.Add(name);
            VerbAction.Set(command, host, async invocation =>
            {
                var cluster = invocation.Get(name)!;
                var result = await RunReporting.WithProgressAsync(invocation,
                    progress => invocation.Client.SyncAsync(cluster, null, progress, invocation.CancellationToken)).ConfigureAwait(false);
                RunReporting.Summarize(invocation, result, "synced");
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
