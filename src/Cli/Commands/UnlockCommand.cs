using System.CommandLine;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud unlock NAME`: breaks a lock left by a run that crashed, and says whose it was.</summary>
    internal static class UnlockCommand
    {
        public static Command Create(HostContext host)
        {
            var name = VerbOptions.ClusterName();
            var command = new Command("unlock", "Remove a lock left behind by a crashed run (make sure no run is still going)");
            command.Add(name);
            VerbAction.Set(command, host, async invocation =>
            {
                var cluster = invocation.Get(name)!;
                var holder = await invocation.Client.UnlockAsync(cluster, invocation.CancellationToken).ConfigureAwait(false);
                host.Terminal.Out.WriteLine(holder is null ? $"cluster {cluster} was not locked" : $"cluster {cluster}: removed the lock held by {holder}");
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
