using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// <see cref="IMachineProvider"/> for one Azure subscription: Azure.ResourceManager's <c>ArmClient</c> with resource
    /// groups through its core API and networks, security groups, public IPs, NICs and VMs as generic resources by id.
    /// See docs/providers.md (Azure) for settings and credentials.
    /// </summary>
    internal sealed class AzureMachineProvider : IMachineProvider
    {
        private readonly AzureConnection connection;
        private readonly AzureNetworks networks;
        private readonly AzureMachines machines;
        private readonly AzurePlacement placement;

        public AzureMachineProvider(ProviderSpec spec, ProviderContext context)
        {
            connection = new AzureConnection(spec, context);
            var resources = new ArmResources(connection);
            var ids = new AzureIds(connection);
            networks = new AzureNetworks(connection, resources, ids);
            machines = new AzureMachines(connection, resources, ids);
            placement = new AzurePlacement(connection, new AzureCatalog(connection));
        }

        public Task<PlacementResult> CheckPlacementAsync(PlacementRequest request, CancellationToken cancellationToken) => placement.CheckAsync(request, cancellationToken);

        public async Task<NetworkInfo> EnsureNetworkAsync(NetworkRequest request, CancellationToken cancellationToken)
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return await networks.EnsureAsync(request, cancellationToken).ConfigureAwait(false);
        }

        public async Task<MachineInfo> CreateMachineAsync(MachineRequest request, CancellationToken cancellationToken)
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return await machines.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<MachineInfo>> FindMachinesAsync(ClusterIdentity cluster, CancellationToken cancellationToken)
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return await machines.FindAsync(cluster, cancellationToken).ConfigureAwait(false);
        }

        public async Task DeleteMachineAsync(ClusterIdentity cluster, string nodeName, CancellationToken cancellationToken)
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var groups = await networks.ClusterResourceGroupsAsync(cluster, cancellationToken).ConfigureAwait(false);
            await machines.DeleteAsync(cluster, nodeName, groups, cancellationToken).ConfigureAwait(false);
        }

        public async Task DeleteNetworkAsync(ClusterIdentity cluster, string region, CancellationToken cancellationToken)
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var left = (await machines.FindAsync(cluster, cancellationToken).ConfigureAwait(false))
                .Where(m => string.Equals(m.Region, region, System.StringComparison.OrdinalIgnoreCase)).Select(m => m.NodeName).ToList();
            await networks.DeleteAsync(cluster, region, left, cancellationToken).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
