using System.CommandLine;
using System.Linq;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud nodes NAME [--output text|json]`: the nodes of one cluster as recorded in its state.</summary>
    internal static class NodesCommand
    {
        public static Command Create(HostContext host)
        {
            var name = VerbOptions.ClusterName();
            var output = VerbOptions.Output();
            var command = new Command("nodes", "List the nodes of a cluster");
            command.Add(name);
            command.Add(output);
            VerbAction.Set(command, host, async invocation =>
            {
                var cluster = invocation.Get(name)!;
                var nodes = await invocation.Client.GetNodesAsync(cluster, null, invocation.CancellationToken).ConfigureAwait(false);
                if (invocation.Get(output) == OutputFormat.Json)
                {
                    JsonOutput.Write(host.Terminal.Out, new NodesDocument(cluster, nodes.Select(NodeJson.From).ToList()));
                    return ExitCodes.Success;
                }
                var table = new TextTable("NAME", "POOL", "ROLE", "PUBLIC", "MESH", "OS", "PREPARED", "JOINED");
                foreach (var node in nodes)
                {
                    table.Add(node.Name, node.Pool, node.Role.ToString(), node.PublicAddress, node.MeshAddress, node.OperatingSystem,
                        node.Prepared ? "yes" : "no", node.Joined ? "yes" : "no");
                }
                table.Write(host.Terminal.Out);
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
