using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>Runs <see cref="PrepareKubernetesScript"/> on a Kubernetes node and records it prepared (and its pod network).</summary>
    public sealed class PrepareKubernetesNodesHandler : IStepHandler
    {
        public StepKind Kind => StepKind.PrepareKubernetesNodes;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var node = NodeAccess.RegisteredNode(context, target);
            var podCidr = KubernetesNodeFacts.PodCidrOf(context, node);
            var kubernetes = context.Desired.Kubernetes;
            var setup = new KubernetesNodeSetup(node.Role, podCidr, kubernetes.PodNetwork, kubernetes.Version, kubernetes.Mtu, KubernetesSourceUrls.For(context.Desired));
            var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
            var result = await context.Services.Remote.RunScriptAsync(connection.Target, "prepare node for Kubernetes", PrepareKubernetesScript.Render(setup), false, cancellationToken)
                .ConfigureAwait(false);
            ScriptReport.Parse(result.StandardOutput).Require("kubernetes-prepare", target, "Kubernetes preparation");
            return NodeStateUpdates.Change(target, current =>
                NodeStateUpdates.WithHostKey(current, connection.LearnedHostKey) with { KubernetesPrepared = true, PodCidr = current.PodCidr ?? podCidr });
        }
    }
}
