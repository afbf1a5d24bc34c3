using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// Elastic IPs of the pools that ask for one (<c>elasticIpPools</c>): allocated tagged with the node, associated
    /// with its instance, released when the node is deleted. Found by tag, so an allocation whose association a crash
    /// interrupted is associated (or released) by the next run, never allocated twice.
    /// </summary>
    internal sealed class AwsAddresses
    {
        private readonly AwsConnection connection;

        public AwsAddresses(AwsConnection connection) => this.connection = connection;

        public async Task<(string Allocation, string Address)> EnsureAsync(MachineRequest request, string instanceId, CancellationToken cancellationToken)
        {
            var region = request.Region;
            var address = (await ListAsync(region, request.Cluster, request.NodeName, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            if (address is null)
            {
                var allocated = await connection.CallAsync(region, "AllocateAddress " + request.NodeName, ec2 => ec2.AllocateAddressAsync(new AllocateAddressRequest
                {
                    Domain = DomainType.Vpc,
                    TagSpecifications = AwsTags.Specification(ResourceType.ElasticIp, ResourceNames.OfMachine(request.Cluster, request.NodeName, "ip"), request.Cluster, request.Pool, request.NodeName),
                }, cancellationToken), cancellationToken, new PoolFields(region, request.ServerType, request.Image, request.Zone)).ConfigureAwait(false);
                address = new Address { AllocationId = allocated.AllocationId, PublicIp = allocated.PublicIp };
            }
            if (address.InstanceId != instanceId)
            {
                var allocation = address.AllocationId;
                await connection.CallAsync(region, "AssociateAddress " + request.NodeName, ec2 =>
                    ec2.AssociateAddressAsync(new AssociateAddressRequest { AllocationId = allocation, InstanceId = instanceId }, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            return (address.AllocationId, address.PublicIp);
        }

        /// <summary>The cluster's Elastic IPs in a region by the instance they are associated with.</summary>
        public async Task<Dictionary<string, Address>> ByInstanceAsync(string region, ClusterIdentity cluster, CancellationToken cancellationToken) =>
            (await ListAsync(region, cluster, null, cancellationToken).ConfigureAwait(false)).Where(a => !string.IsNullOrEmpty(a.InstanceId))
                .GroupBy(a => a.InstanceId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        /// <summary>Releases the cluster's Elastic IPs in a region (of one node, or all), disassociating them first.</summary>
        public async Task ReleaseAsync(string region, ClusterIdentity cluster, string? nodeName, CancellationToken cancellationToken)
        {
            foreach (var address in await ListAsync(region, cluster, nodeName, cancellationToken).ConfigureAwait(false))
            {
                if (!string.IsNullOrEmpty(address.AssociationId))
                    await connection.CallAsync(region, "DisassociateAddress " + address.PublicIp, ec2 =>
                        ec2.DisassociateAddressAsync(new DisassociateAddressRequest { AssociationId = address.AssociationId }, cancellationToken), cancellationToken).ConfigureAwait(false);
                await connection.CallAsync(region, "ReleaseAddress " + address.PublicIp, ec2 =>
                    ec2.ReleaseAddressAsync(new ReleaseAddressRequest { AllocationId = address.AllocationId }, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }

        public Task<List<Address>> ListAsync(string region, ClusterIdentity cluster, string? nodeName, CancellationToken cancellationToken) =>
            connection.CallAsync(region, "DescribeAddresses", async ec2 =>
                (await ec2.DescribeAddressesAsync(new DescribeAddressesRequest { Filters = AwsTags.OwnedBy(cluster, nodeName) }, cancellationToken).ConfigureAwait(false)).Addresses
                    ?? new List<Address>(), cancellationToken);
    }
}
