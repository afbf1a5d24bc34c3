using System.CommandLine;
using System.Globalization;
using System.Linq;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cli.Commands
{
    /// <summary>
    /// `multicloud status [NAME] [--no-refresh] [--output text|json]`: clusters in the state folder (NAME may use * and ?),
    /// each as a refresh of its hosts sees it now, per layer; with --no-refresh as the state records it.
    /// </summary>
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
            var noRefresh = VerbOptions.NoRefresh();
            var command = new Command("status", "Show clusters, their status per layer and their nodes, as their hosts are now");
            command.Add(name);
            command.Add(output);
            command.Add(noRefresh);
            VerbAction.Set(command, host, async invocation =>
            {
                var statuses = await invocation.Client.GetStatusAsync(invocation.Get(name), VerbOptions.RefreshFor(invocation.Get(noRefresh)),
                    invocation.CancellationToken).ConfigureAwait(false);
                if (invocation.Get(output) == OutputFormat.Json)
                {
                    JsonOutput.Write(host.Terminal.Out, StatusDocument.From(statuses));
                    return ExitCodes.Success;
                }
                if (statuses.Count == 0)
                {
                    host.Terminal.Out.WriteLine("no clusters in " + invocation.Client.Store.Location);
                    return ExitCodes.Success;
                }
                var table = new TextTable("NAME", "STATUS", "KUBERNETES", "NODES", "POOLS", "UPDATED", "CHECKED");
                foreach (var status in statuses)
                {
                    var info = status.Cluster;
                    table.Add(info.Name, info.Status, info.KubernetesVersion, info.NodeCount.ToString(CultureInfo.InvariantCulture),
                        string.Join(",", info.NodePools), Time(info.UpdatedAt == default ? null : info.UpdatedAt), Time(info.CheckedAt));
                }
                table.Write(host.Terminal.Out);
                foreach (var info in statuses.Select(s => s.Cluster))
                {
                    if (info.LastError is not null) host.Terminal.Out.WriteLine($"{info.Name}: last run stopped: {info.LastError}");
                    foreach (var layer in info.Layers) host.Terminal.Out.WriteLine($"{info.Name}: {layer.Layer}: {layer.Status}: {layer.Detail}");
                }
                return ExitCodes.Success;
            });
            return command;
        }

        private static string? Time(System.DateTimeOffset? at) => at?.ToString("u", CultureInfo.InvariantCulture);
    }
}
