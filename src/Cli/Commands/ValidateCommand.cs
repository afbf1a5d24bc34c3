using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud validate [FILE]`: reads a manifest and reports every problem at once.</summary>
    internal static class ValidateCommand
    {
        public static Command Create(HostContext host)
        {
            var source = new ManifestSource();
            var command = new Command("validate", "Check a manifest (native or Claudie) and list every problem in it");
            source.AddTo(command);
            VerbAction.Set(command, host, invocation =>
            {
                var clusters = source.Load(invocation);
                var names = string.Join(", ", clusters.Select(c => c.Name));
                host.Terminal.Out.WriteLine($"{source.Describe(invocation)}: valid; {clusters.Count} cluster(s): {names}");
                return Task.FromResult(ExitCodes.Success);
            });
            return command;
        }
    }
}
