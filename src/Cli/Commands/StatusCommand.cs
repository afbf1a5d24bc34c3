using System.CommandLine;
using System.Globalization;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud status [NAME] [--output text|json]`: clusters in the state folder (NAME may use * and ?).</summary>
    internal static class StatusCommand
    {
        public static Command Create(HostContext host)
        {
            var name = new Argument<string?>("NAME")
            {
                Description = "Cluster name or wildcard pattern; omitted means every cluster",
                Arity = ArgumentArity.ZeroOrOne,
            };
            var output = VerbOptions.Output();
            var command = new Command("status", "Show clusters, their status and their nodes");
            command.Add(name);
            command.Add(output);
            VerbAction.Set(command, host, async invocation =>
            {
                var states = await invocation.Client.GetClustersAsync(invocation.Get(name), invocation.CancellationToken).ConfigureAwait(false);
                if (invocation.Get(output) == OutputFormat.Json)
                {
                    JsonOutput.Write(host.Terminal.Out, StatusDocument.From(states));
                    return ExitCodes.Success;
                }
                if (states.Count == 0)
                {
                    host.Terminal.Out.WriteLine("no clusters in " + invocation.Client.Store.Location);
                    return ExitCodes.Success;
                }
                var table = new TextTable("NAME", "STATUS", "KUBERNETES", "NODES", "POOLS", "UPDATED");
                foreach (var state in states)
                {
                    var info = ClusterInfo.From(state);
                    table.Add(info.Name, info.Status, info.KubernetesVersion, info.NodeCount.ToString(CultureInfo.InvariantCulture),
                        string.Join(",", info.NodePools), info.UpdatedAt == default ? null : info.UpdatedAt.ToString("u", CultureInfo.InvariantCulture));
                }
                table.Write(host.Terminal.Out);
                foreach (var state in states)
                {
                    var info = ClusterInfo.From(state);
                    if (info.LastError is not null) host.Terminal.Out.WriteLine($"{info.Name}: last run stopped: {info.LastError}");
                }
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
