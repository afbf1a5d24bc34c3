using System.CommandLine;
using System.CommandLine.Help;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>The root command with every verb; one file per verb beside this one.</summary>
    internal static class CommandTree
    {
        public const string Name = "multicloud";

        public static Command Create(Terminal terminal, Interruption interruption)
        {
            var global = new GlobalOptions();
            // A plain Command rather than RootCommand: RootCommand takes its name from the running executable, which
            // is the test host under tests and "dotnet" under `dotnet multicloud.dll`; help must say "multicloud".
            var root = new Command(Name, "Build and run one Kubernetes cluster across clouds and your own machines, from a manifest")
            {
                new HelpOption(),
                new VersionOption(),
            };
            global.AddTo(root);
            var host = new HostContext(terminal, global, interruption);
            root.Add(ValidateCommand.Create(host));
            root.Add(PlanCommand.Create(host));
            root.Add(ApplyCommand.Create(host));
            root.Add(SyncCommand.Create(host));
            root.Add(StatusCommand.Create(host));
            root.Add(NodesCommand.Create(host));
            root.Add(DestroyCommand.Create(host));
            root.Add(KubeconfigCommand.Create(host));
            root.Add(ImportCommand.Create(host));
            root.Add(ExportCommand.Create(host));
            root.Add(UnlockCommand.Create(host));
            root.Add(ExamplesCommand.Create(host));
            return root;
        }
    }
}
