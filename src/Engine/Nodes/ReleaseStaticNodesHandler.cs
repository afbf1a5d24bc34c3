using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>
    /// Hands a static machine back to its owner: MultiCloud's configuration off, the node out of state. A machine that
    /// cannot be reached any more is let go without its cooperation, with a warning naming it: the cluster no longer
    /// uses it, and keeping it in state would block every later run.
    /// </summary>
    public sealed class ReleaseStaticNodesHandler : IStepHandler
    {
        public StepKind Kind => StepKind.ReleaseStaticNodes;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            try
            {
                var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
                var result = await context.Services.Remote.RunScriptAsync(connection.Target, "release node", ReleaseScript.Render(), false, cancellationToken)
                    .ConfigureAwait(false);
                var outcome = ScriptReport.Parse(result.StandardOutput).Require("release", target, "release");
                context.Services.Log.Write(LogLevel.Verbose, $"{target}: release {outcome}");
            }
            catch (MultiCloudException e) when (e.ErrorId == ErrorIds.SshConnectionFailed)
            {
                context.Services.Log.Write(LogLevel.Warning,
                    $"{target} could not be reached, so MultiCloud's WireGuard and nginx configuration stay on it; it is released all the same ({e.Message})");
            }
            return NodeStateUpdates.Remove(target);
        }
    }
}
