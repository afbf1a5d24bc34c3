using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// Creates one node's machine (or finds the one an earlier run made) with the host key pinned for it in its user
    /// data, waits until the machine answers SSH with exactly that key, and records it. The state is saved after each
    /// machine, so what exists is recorded as soon as it exists.
    /// </summary>
    public sealed class CreateVirtualMachinesHandler : IStepHandler, IRecordsEachTarget
    {
        public StepKind Kind => StepKind.CreateVirtualMachines;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var planned = NodeAccess.Planned(context, target)
                ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData, $"node {target} is not a node of plan {context.Plan.Id}") { Target = target };
            var pool = CloudSpecs.DynamicPool(context, planned.Pool);
            var provider = CloudSpecs.Provider(context, pool.Provider);
            var region = CloudRegion.Of(pool);
            var hostKey = PinnedHostKey(context, target);
            var network = await NetworkRequests.KnownOrEnsureAsync(context, region, cancellationToken).ConfigureAwait(false);
            var clusterKey = ClusterKeyPair.ReadPublicKey(context.Services.ClusterKeyPath);

            var machine = await CloudSpecs.Session(context).Machines(provider).CreateMachineAsync(new MachineRequest
            {
                Cluster = CloudSpecs.Identity(context),
                Pool = pool.Name,
                NodeName = target,
                Region = pool.Region,
                Zone = pool.Zone,
                ServerType = pool.ServerType,
                Image = pool.Image,
                DiskSizeGb = pool.DiskSizeGb,
                SshPublicKey = clusterKey,
                AdminUser = planned.User,
                UserData = UserDataScript.Render(planned.User, clusterKey, hostKey),
                Network = network,
            }, cancellationToken).ConfigureAwait(false);

            await WaitForSshAsync(context, target, machine, hostKey.PublicKey, cancellationToken).ConfigureAwait(false);
            var created = new State.NodeState
            {
                Name = target,
                Pool = planned.Pool,
                Role = planned.Role,
                MeshAddress = planned.MeshAddress,
                SshUser = planned.User,
                SshPort = planned.Port,
                PublicAddress = machine.PublicAddress,
                ProviderResources = machine.Resources,
                SshHostKey = hostKey.PublicKey,
                SshHostKeyFingerprint = HostKeyText.Fingerprint(hostKey.PublicKey),
            };
            return NodeStateUpdates.AddOrChange(created, node => node with
            {
                PublicAddress = created.PublicAddress,
                ProviderResources = created.ProviderResources,
                SshHostKey = created.SshHostKey,
                SshHostKeyFingerprint = created.SshHostKeyFingerprint,
            });
        }

        /// <summary>The pair whose public half the state pinned when the node was recorded (or a new pair, pinned with the machine, when its file is gone).</summary>
        private static HostKeyPair PinnedHostKey(StepContext context, string target)
        {
            var hostKey = HostKeyFiles.LoadOrCreate(context.Services.ClusterDirectory, target);
            var pinned = context.State.Nodes.FirstOrDefault(n => n.Name == target)?.SshHostKey;
            if (pinned != null && pinned != hostKey.PublicKey)
                context.Services.Log.Write(LogLevel.Warning, $"{target}: the host key pinned when the node was recorded is no longer in {HostKeyFiles.Folder(context.Services.ClusterDirectory)}; a new one is pinned");
            return hostKey;
        }

        /// <summary>
        /// A new machine answers SSH only once it has booted and run its user data; until then it refuses the
        /// connection or shows the image's own host key. Both are waited out, up to the ready timeout; the key is never
        /// accepted unless it is the pinned one.
        /// </summary>
        private static async Task WaitForSshAsync(StepContext context, string target, MachineInfo machine, string hostKey, CancellationToken cancellationToken)
        {
            var options = CloudSpecs.Session(context).Options;
            var ssh = new SshTarget
            {
                NodeName = target,
                Host = machine.PublicAddress,
                User = NodeAccess.Planned(context, target)!.User,
                PrivateKey = SshPrivateKey.FromFile(context.Services.ClusterKeyPath),
                PinnedHostKey = hostKey,
            };
            var waited = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await context.Services.Remote.ConnectAsync(ssh, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (MultiCloudException e) when (IsStillBooting(e) && waited.Elapsed < options.MachineReadyTimeout)
                {
                    context.Services.Log.Write(LogLevel.Verbose, $"{target}: not ready yet ({e.ErrorId}); trying again");
                    await Task.Delay(options.MachineReadyInterval, cancellationToken).ConfigureAwait(false);
                }
                catch (MultiCloudException e) when (IsStillBooting(e))
                {
                    throw new MultiCloudException(ErrorIds.MachineNotReady, ErrorKind.Connection,
                        $"the machine of node {target} ({machine.PublicAddress}) was created but did not answer SSH with its pinned host key within " +
                        $"{options.MachineReadyTimeout.TotalMinutes:0.#} minutes (last: {e.ErrorId}); check that the image runs its user data (cloud-init) and that " +
                        $"SSH is allowed from this machine ({SshSources.SettingName}), then run the same command again", e)
                    { Target = target };
                }
            }
        }

        private static bool IsStillBooting(MultiCloudException e) =>
            e.ErrorId == ErrorIds.SshConnectionFailed || e.ErrorId == ErrorIds.SshHostKeyChanged || e.ErrorId == ErrorIds.SshAuthenticationFailed;
    }
}
