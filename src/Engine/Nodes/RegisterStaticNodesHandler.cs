using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>
    /// Takes a user's machine into the cluster: connects to it with the planned endpoint, user, port and key,
    /// pins its host key (learned now, or checked against the pinned or given one) and records the node.
    /// </summary>
    public sealed class RegisterStaticNodesHandler : IStepHandler
    {
        public StepKind Kind => StepKind.RegisterStaticNodes;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var planned = NodeAccess.Planned(context, target)
                ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                    $"node {target} is not among the plan's nodes, so there is nothing to register") { Target = target };
            var endpoint = planned.Endpoint
                ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                    $"node {target} of pool {planned.Pool} has no endpoint; only machines of static pools are registered") { Target = target };
            var pinned = context.State.Nodes.FirstOrDefault(node => node.Name == target)?.SshHostKey;

            var sshTarget = new SshTarget
            {
                NodeName = target,
                Host = endpoint,
                Port = planned.Port,
                User = planned.User,
                PrivateKey = await NodeAccess.PrivateKeyAsync(context, planned.PrivateKey, cancellationToken).ConfigureAwait(false),
                PinnedHostKey = pinned,
                ExpectedFingerprint = planned.HostKeyFingerprint,
            };
            var hostKey = await context.Services.Remote.ConnectAsync(sshTarget, cancellationToken).ConfigureAwait(false);

            var registered = new NodeState
            {
                Name = target,
                Pool = planned.Pool,
                Role = planned.Role,
                MeshAddress = planned.MeshAddress,
                PodCidr = planned.PodCidr,
                PublicAddress = endpoint,
                SshPort = planned.Port,
                SshUser = planned.User,
                SshHostKey = hostKey.PublicKey,
                SshHostKeyFingerprint = hostKey.Fingerprint,
            };
            return NodeStateUpdates.AddOrChange(registered, existing => existing with
            {
                Pool = registered.Pool,
                Role = registered.Role,
                MeshAddress = registered.MeshAddress,
                PodCidr = existing.PodCidr ?? registered.PodCidr,
                PublicAddress = registered.PublicAddress,
                SshPort = registered.SshPort,
                SshUser = registered.SshUser,
                SshHostKey = registered.SshHostKey,
                SshHostKeyFingerprint = registered.SshHostKeyFingerprint,
            });
        }
    }
}
