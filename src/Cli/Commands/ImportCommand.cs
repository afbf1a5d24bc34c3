using System.CommandLine;
using System.Threading.Tasks;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud import FILE [--out FILE]`: a Claudie InputManifest (or a native manifest) as native YAML.</summary>
    internal static class ImportCommand
    {
        public static Command Create(HostContext host)
        {
            var file = new Argument<string>("FILE") { Description = "Claudie InputManifest or native manifest" };
            var output = VerbOptions.Out("the native manifest");
            var command = new Command("import", "Convert a Claudie InputManifest to a native manifest");
            command.Add(file);
            command.Add(output);
            VerbAction.Set(command, host, invocation =>
            {
                var clusters = invocation.Client.LoadManifest(invocation.Get(file)!);
                OutputFile.Write(host.Terminal, invocation.Get(output), invocation.Client.ExportManifest(clusters));
                return Task.FromResult(ExitCodes.Success);
            });
            return command;
        }
    }
}
