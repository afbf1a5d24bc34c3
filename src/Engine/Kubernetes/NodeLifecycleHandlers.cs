using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>
    /// Labels, taints and annotations of a node through the API (only the keys MultiCloud manages change), recorded
    /// in state so a key the spec drops is removed next time; compute nodes also get their Longhorn zone tag when
    /// Longhorn already has a node object for them.
    /// </summary>
    public sealed class ApplyNodeMetadataHandler : IStepHandler
    {
        private readonly ClusterAccess access;

        public ApplyNodeMetadataHandler(ClusterAccess access) => this.access = access;

        public StepKind Kind => StepKind.ApplyNodeMetadata;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var node = NodeAccess.RegisteredNode(context, target);
            var pool = KubernetesNodeFacts.PoolOf(context, node);
            var desired = NodeMetadataSpec.For(context.Desired, pool);
            var api = await access.ApiAsync(context, null, cancellationToken).ConfigureAwait(false);
            await api.ApplyNodeMetadataAsync(target, desired, node.ManagedMetadata, cancellationToken).ConfigureAwait(false);
            if (node.Role == NodeRole.Compute && context.Plan.Until >= ClusterLayer.Storage)
                await api.TagLonghornNodeAsync(target, new[] { PoolTopology.For(context.Desired, pool).StorageTag }, cancellationToken).ConfigureAwait(false);
            var managed = NodeMetadataPatch.Managed(desired);
            return NodeStateUpdates.Change(target, current => current with { ManagedMetadata = managed });
        }
    }

    /// <summary>Cordon and drain a leaving node through the eviction API, within the spec's drain timeout.</summary>
    public sealed class DrainNodesHandler : IStepHandler
    {
        private readonly ClusterAccess access;

        public DrainNodesHandler(ClusterAccess access) => this.access = access;

        public StepKind Kind => StepKind.DrainNodes;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var api = await access.ApiAsync(context, null, cancellationToken).ConfigureAwait(false);
            await api.DrainAsync(target, TimeSpan.FromSeconds(context.Desired.Kubernetes.DrainTimeoutSeconds), cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Deletes a leaving node's Node object; the node is then no longer a Kubernetes member.</summary>
    public sealed class DeleteKubernetesNodesHandler : IStepHandler
    {
        private readonly ClusterAccess access;

        public DeleteKubernetesNodesHandler(ClusterAccess access) => this.access = access;

        public StepKind Kind => StepKind.DeleteKubernetesNodes;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var api = await access.ApiAsync(context, null, cancellationToken).ConfigureAwait(false);
            await api.DeleteNodeAsync(target, cancellationToken).ConfigureAwait(false);
            return NodeStateUpdates.Change(target, current => current with { Joined = false, ManagedMetadata = null });
        }
    }

    /// <summary>
    /// kubeadm reset and cleanup on a static machine that leaves Kubernetes. A machine that cannot be reached is
    /// left as it is with a warning naming it: it is already out of etcd and the API, which is what the cluster needs.
    /// </summary>
    public sealed class ResetKubernetesNodesHandler : IStepHandler
    {
        public StepKind Kind => StepKind.ResetKubernetesNodes;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            try
            {
                var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
                var result = await context.Services.Remote.RunScriptAsync(connection.Target, "reset Kubernetes", KubeadmScripts.Reset(), false, cancellationToken).ConfigureAwait(false);
                var outcome = ScriptReport.Parse(result.StandardOutput).Require("reset", target, "Kubernetes reset");
                context.Services.Log.Write(LogLevel.Verbose, $"{target}: Kubernetes reset {outcome}");
            }
            catch (MultiCloudException e) when (e.ErrorId == ErrorIds.SshConnectionFailed)
            {
                context.Services.Log.Write(LogLevel.Warning,
                    $"{target} could not be reached, so kubeadm reset and the cleanup did not run there; it is out of etcd and the API already. " +
                    $"Run 'kubeadm reset -f' on it yourself if you keep the machine ({e.Message})");
            }
            return NodeStateUpdates.Change(target, current => current with { Joined = false, EtcdMember = false, KubernetesPrepared = false, ManagedMetadata = null });
        }
    }
}
