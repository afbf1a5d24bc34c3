using System.CommandLine;
using MultiCloud.Cli.Output;
using MultiCloud.Engine;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud unlock NAME [--force]`: breaks a lock left by a run that crashed, and says whose it was.</summary>
    internal static class UnlockCommand
    {
        public static Command Create(HostContext host)
        {
            var name = VerbOptions.ClusterName();
            var force = new Option<bool>("--force")
            {
                Description = "Remove the lock even when its run is still going on this host (two runs may then change the cluster at once)",
            };
            var command = new Command("unlock", "Remove a lock left behind by a crashed run (a run still going on this host is refused)");
            command.Add(name);
            command.Add(force);
            VerbAction.Set(command, host, async invocation =>
            {
                var cluster = invocation.Get(name)!;
                var holder = await invocation.Client.UnlockAsync(cluster, invocation.Get(force), invocation.CancellationToken).ConfigureAwait(false);
                // The holder comes from lock.json, which anyone who can write the folder can fill.
                host.Terminal.Out.WriteLine(holder is null ? $"cluster {cluster} was not locked" : DisplayText.Escape($"cluster {cluster}: removed the lock held by {holder}"));
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
