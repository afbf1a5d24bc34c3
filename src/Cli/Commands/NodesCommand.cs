using System.CommandLine;
using System.Linq;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cli.Commands
{
    /// <summary>
    /// `multicloud nodes NAME [--no-refresh] [--output text|json]`: the nodes of one cluster with what a refresh of each sees
    /// now (reachable, oldest mesh handshake, load balancer serving, problems); with --no-refresh as the state records them.
    /// </summary>
    internal static class NodesCommand
    {
        public static Command Create(HostContext host)
        {
            var name = VerbOptions.ClusterName();
            var output = VerbOptions.Output();
            var noRefresh = VerbOptions.NoRefresh();
            var command = new Command("nodes", "List the nodes of a cluster, as their hosts are now");
            command.Add(name);
            command.Add(output);
            command.Add(noRefresh);
            VerbAction.Set(command, host, async invocation =>
            {
                var cluster = invocation.Get(name)!;
                var nodes = await invocation.Client.GetNodesAsync(cluster, null, VerbOptions.RefreshFor(invocation.Get(noRefresh)), invocation.CancellationToken)
                    .ConfigureAwait(false);
                if (invocation.Get(output) == OutputFormat.Json)
                {
                    JsonOutput.Write(host.Terminal.Out, new NodesDocument(cluster, nodes.Select(NodeJson.From).ToList()));
                    return ExitCodes.Success;
                }
                var table = new TextTable("NAME", "POOL", "ROLE", "PUBLIC", "MESH", "OS", "REACHABLE", "HANDSHAKE", "LB", "KUBERNETES");
                foreach (var node in nodes)
                {
                    table.Add(node.Name, node.Pool, node.Role.ToString(), node.PublicAddress, node.MeshAddress, node.OperatingSystem,
                        YesNo(node.Reachable), node.MeshHandshakeAge is { } age ? Durations.Format(age) : null, node.LoadBalancerUp is { } up ? (up ? "up" : "down") : null,
                        node.Kubernetes);
                }
                table.Write(host.Terminal.Out);
                foreach (var node in nodes)
                {
                    if (node.NotChecked is not null) host.Terminal.Out.WriteLine($"{node.Name}: not checked: {node.NotChecked}");
                    foreach (var problem in node.Problems) host.Terminal.Out.WriteLine($"{node.Name}: {problem}");
                }
                return ExitCodes.Success;
            });
            return command;
        }

        private static string? YesNo(bool? value) => value is { } known ? (known ? "yes" : "no") : null;
    }
}
