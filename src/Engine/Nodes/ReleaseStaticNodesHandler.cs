using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>Hands a static machine back to its owner: MultiCloud's configuration off, the node out of state.</summary>
    public sealed class ReleaseStaticNodesHandler : IStepHandler
    {
        public StepKind Kind => StepKind.ReleaseStaticNodes;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
            var result = await context.Services.Remote.RunScriptAsync(connection.Target, "release node", ReleaseScript.Render(), false, cancellationToken)
                .ConfigureAwait(false);

            var outcome = ScriptReport.Parse(result.StandardOutput).Require("release", target, "release");
            context.Services.Log.Write(LogLevel.Verbose, $"{target}: release {outcome}");
            return NodeStateUpdates.Remove(target);
        }
    }
}
