using System.CommandLine;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud export NAME [--out FILE]`: the spec a cluster is driving towards, as a native manifest.</summary>
    internal static class ExportCommand
    {
        public static Command Create(HostContext host)
        {
            var name = VerbOptions.ClusterName();
            var output = VerbOptions.Out("the manifest");
            var command = new Command("export", "Print a cluster's current spec as a native manifest");
            command.Add(name);
            command.Add(output);
            VerbAction.Set(command, host, async invocation =>
            {
                var spec = await invocation.Client.GetSpecAsync(invocation.Get(name)!, invocation.CancellationToken).ConfigureAwait(false);
                OutputFile.Write(host.Terminal, invocation.Get(output), invocation.Client.ExportManifest(new[] { spec }));
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
