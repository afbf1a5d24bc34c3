using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>A node's SSH target, and the host key learned while getting it (null when the key was already pinned).</summary>
    public sealed record NodeConnection(SshTarget Target, HostKey? LearnedHostKey);

    /// <summary>How step handlers reach a node: address and pinned key from state, SSH key from the plan or the spec.</summary>
    public static class NodeAccess
    {
        /// <summary>The registered node of that name, or a StepFailed error naming it.</summary>
        public static NodeState RegisteredNode(StepContext context, string nodeName) =>
            context.State.Nodes.FirstOrDefault(node => node.Name == nodeName)
            ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                $"node {nodeName} is not in the cluster state; it must be created or registered before step {context.Step.Name}")
            { Target = nodeName };

        /// <summary>
        /// The SSH target of a registered node. A node whose host key is not pinned yet (a VM whose creation did
        /// not record it) is connected to now and its key learned; the caller records it in its state update.
        /// </summary>
        public static async Task<NodeConnection> ConnectAsync(StepContext context, string nodeName, CancellationToken cancellationToken)
        {
            var node = RegisteredNode(context, nodeName);
            var planned = Planned(context, nodeName);
            var host = node.PublicAddress ?? planned?.Endpoint
                ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                    $"node {nodeName} has no address to connect to") { Target = nodeName };
            var target = new SshTarget
            {
                NodeName = nodeName,
                Host = host,
                Port = node.SshPort,
                User = node.SshUser,
                PrivateKey = await PrivateKeyAsync(context, KeyReference(context, node), cancellationToken).ConfigureAwait(false),
                PinnedHostKey = node.SshHostKey,
                ExpectedFingerprint = planned?.HostKeyFingerprint,
            };
            if (target.PinnedHostKey != null) return new NodeConnection(target, null);

            var learned = await context.Services.Remote.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            return new NodeConnection(target with { PinnedHostKey = learned.PublicKey }, learned);
        }

        public static PlannedNode? Planned(StepContext context, string nodeName) =>
            context.Plan.Nodes.FirstOrDefault(node => node.Name == nodeName);

        /// <summary>
        /// The key a node is logged in with: a file: reference as the file, an env: or secret: reference resolved
        /// and held in memory (never written to disk), no reference the cluster's own key.
        /// </summary>
        public static async Task<SshPrivateKey> PrivateKeyAsync(StepContext context, CredentialRef? reference, CancellationToken cancellationToken)
        {
            if (reference is null) return SshPrivateKey.FromFile(context.Services.ClusterKeyPath);
            if (reference.Source == CredentialSource.File) return SshPrivateKey.FromFile(DefaultCredentialResolver.ExpandHome(reference.Reference));
            var key = await context.Services.Credentials.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
            return SshPrivateKey.FromText(key, reference.ToString());
        }

        /// <summary>
        /// The key reference of a node: from the plan for nodes it keeps, otherwise (a node being released) from
        /// the static machine it was, found by endpoint and port in the specs the state remembers.
        /// </summary>
        private static CredentialRef? KeyReference(StepContext context, NodeState node)
        {
            var planned = Planned(context, node.Name);
            if (planned != null) return planned.PrivateKey;

            var specs = new[] { context.State.AppliedSpec, context.State.Journal?.DesiredSpec, context.Desired };
            return specs.OfType<ClusterSpec>()
                .SelectMany(spec => spec.NodePools.OfType<StaticNodePoolSpec>().Where(pool => pool.Name == node.Pool))
                .SelectMany(pool => pool.Nodes)
                .FirstOrDefault(machine => IsMachineOf(machine, node))?.PrivateKey;
        }

        private static bool IsMachineOf(StaticNodeSpec machine, NodeState node) =>
            machine.Name == node.Name
            || (machine.Port == node.SshPort && string.Equals(machine.Endpoint, node.PublicAddress, StringComparison.OrdinalIgnoreCase));
    }
}
