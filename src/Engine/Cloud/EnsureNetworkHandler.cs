using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// Makes or finds a region's network, SSH key and pool firewalls, or brings the firewall rules up to date
    /// (target "provider/region"). In a pool's infra task it also records the pool's new nodes in the state, each with
    /// the host key its machine will get already pinned, before any machine is asked for: a run that dies while
    /// creating leaves no machine the state does not name, and the first contact is verified from the start.
    /// </summary>
    public sealed class EnsureNetworkHandler : IStepHandler
    {
        public StepKind Kind => StepKind.EnsureNetwork;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var region = CloudRegion.Parse(target);
            var network = await NetworkRequests.EnsureAsync(context, region, cancellationToken).ConfigureAwait(false);
            context.Services.Log.Write(LogLevel.Verbose, $"{target}: network ready ({string.Join(", ", network.Resources.Keys.OrderBy(k => k, System.StringComparer.Ordinal))})");
            return context.Task.Kind == TaskKind.CreateInfrastructure ? RecordPendingNodes(context) : null;
        }

        private static StateUpdate RecordPendingNodes(StepContext context)
        {
            var pool = context.Task.Targets.Single(t => t.Kind == TargetKind.NodePool).Name;
            var pending = context.Plan.Nodes
                .Where(node => node.Pool == pool && node.IsNew)
                .Select(node =>
                {
                    var hostKey = HostKeyFiles.LoadOrCreate(context.Services.ClusterDirectory, node.Name);
                    return new NodeState
                    {
                        Name = node.Name,
                        Pool = node.Pool,
                        Role = node.Role,
                        MeshAddress = node.MeshAddress,
                        SshUser = node.User,
                        SshPort = node.Port,
                        SshHostKey = hostKey.PublicKey,
                        SshHostKeyFingerprint = HostKeyText.Fingerprint(hostKey.PublicKey),
                    };
                })
                .ToList();
            return state => pending.Aggregate(state, (current, node) => NodeStateUpdates.AddOrChange(node, existing =>
                existing.PublicAddress is null ? existing with { SshHostKey = node.SshHostKey, SshHostKeyFingerprint = node.SshHostKeyFingerprint } : existing)(current));
        }
    }
}
