using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>Readies a node in one script: supported OS, packages for its role, kernel modules and sysctls.</summary>
    public sealed class PrepareNodesHandler : IStepHandler
    {
        public StepKind Kind => StepKind.PrepareNodes;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var node = NodeAccess.RegisteredNode(context, target);
            var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
            var result = await context.Services.Remote.RunScriptAsync(connection.Target, "prepare node", PrepareScript.Render(node.Role), false, cancellationToken)
                .ConfigureAwait(false);

            var report = ScriptReport.Parse(result.StandardOutput);
            var system = report.Require("os", target, "prepare");
            if (report.Get("prepare") == "unsupported-os")
            {
                throw new MultiCloudException(ErrorIds.UnsupportedOperatingSystem, ErrorKind.NotSupported,
                    $"node {target} ({connection.Target.Host}) runs '{system}'; supported are {string.Join(", ", PrepareScript.SupportedSystems)}")
                { Target = target };
            }
            report.Require("prepare", target, "prepare");

            return NodeStateUpdates.Change(target, current =>
                NodeStateUpdates.WithFileHashes(NodeStateUpdates.WithHostKey(current, connection.LearnedHostKey), report, PrepareScript.ManagedPaths(node.Role))
                    with { Prepared = true, OperatingSystem = system });
        }
    }
}
