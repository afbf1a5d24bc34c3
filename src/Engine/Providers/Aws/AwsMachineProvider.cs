using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// <see cref="IMachineProvider"/> for one AWS account: EC2 through AWSSDK.EC2 (key pair, VPC, subnets, internet
    /// gateway, route table, security groups, instances, Elastic IPs). See docs/providers.md (AWS) for settings and credentials.
    /// </summary>
    internal sealed class AwsMachineProvider : IMachineProvider
    {
        private readonly AwsConnection connection;
        private readonly AwsRegions regions;
        private readonly AwsNetworks networks;
        private readonly AwsMachines machines;
        private readonly AwsNetworkTeardown teardown;
        private readonly AwsPlacement placement;

        public AwsMachineProvider(ProviderSpec spec, ProviderContext context)
        {
            connection = new AwsConnection(spec, context);
            var catalog = new AwsCatalog(connection);
            regions = new AwsRegions(connection);
            networks = new AwsNetworks(connection, catalog);
            machines = new AwsMachines(connection, networks, catalog, regions);
            teardown = new AwsNetworkTeardown(connection, networks, machines);
            placement = new AwsPlacement(connection, catalog);
        }

        public Task<PlacementResult> CheckPlacementAsync(PlacementRequest request, CancellationToken cancellationToken) => placement.CheckAsync(request, cancellationToken);

        public Task<NetworkInfo> EnsureNetworkAsync(NetworkRequest request, CancellationToken cancellationToken)
        {
            regions.Used(request.Region);
            return networks.EnsureAsync(request, cancellationToken);
        }

        public Task<MachineInfo> CreateMachineAsync(MachineRequest request, CancellationToken cancellationToken) => machines.CreateAsync(request, cancellationToken);

        public Task<IReadOnlyList<MachineInfo>> FindMachinesAsync(ClusterIdentity cluster, CancellationToken cancellationToken) => machines.FindAsync(cluster, cancellationToken);

        public Task DeleteMachineAsync(ClusterIdentity cluster, string nodeName, CancellationToken cancellationToken) => machines.DeleteAsync(cluster, nodeName, cancellationToken);

        public Task DeleteNetworkAsync(ClusterIdentity cluster, string region, CancellationToken cancellationToken) => teardown.DeleteAsync(cluster, region, cancellationToken);

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
