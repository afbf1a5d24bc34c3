using System.CommandLine;
using System.Threading.Tasks;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Manifest;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud examples [NAME]`: the shipped example manifests; with NAME, that example's YAML.</summary>
    internal static class ExamplesCommand
    {
        public static Command Create(HostContext host)
        {
            var name = new Argument<string?>("NAME")
            {
                Description = "Print this example's manifest, to start your own from it",
                Arity = ArgumentArity.ZeroOrOne,
            };
            var command = new Command("examples", "List the shipped example manifests, or print one");
            command.Add(name);
            VerbAction.Set(command, host, invocation =>
            {
                var example = invocation.Get(name);
                if (example is not null)
                {
                    OutputFile.Write(host.Terminal, null, ExampleManifests.Get(example));
                    return Task.FromResult(ExitCodes.Success);
                }
                foreach (var known in ExampleManifests.Names)
                    host.Terminal.Out.WriteLine(known == ManifestSource.DefaultExample ? known + " (default)" : known);
                host.Terminal.Out.Flush();
                return Task.FromResult(ExitCodes.Success);
            });
            return command;
        }
    }
}
