using System.CommandLine;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud kubeconfig NAME [--out FILE]`: the admin kubeconfig; a file given with --out is owner-only.</summary>
    internal static class KubeconfigCommand
    {
        public static Command Create(HostContext host)
        {
            var name = VerbOptions.ClusterName();
            var output = VerbOptions.Out("the kubeconfig (created readable by you only)");
            var command = new Command("kubeconfig", "Print the cluster's admin kubeconfig, or write it to a file");
            command.Add(name);
            command.Add(output);
            VerbAction.Set(command, host, async invocation =>
            {
                var kubeconfig = await invocation.Client.GetKubeconfigAsync(invocation.Get(name)!, invocation.CancellationToken).ConfigureAwait(false);
                OutputFile.Write(host.Terminal, invocation.Get(output), kubeconfig, ownerOnly: true);
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
