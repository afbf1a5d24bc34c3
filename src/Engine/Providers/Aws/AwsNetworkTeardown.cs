using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using Amazon.Runtime;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// Deletes what <see cref="AwsNetworks"/> made in a region, found by the cluster-id tag, once no instance of the
    /// cluster is left there: Elastic IPs, security groups, route tables, the internet gateway, subnets, VPCs (all of
    /// them, should a retried CreateVpc have made two) and the key pair. In that order, as EC2 refuses to delete what
    /// something still depends on; a DependencyViolation (an interface of a just-terminated instance EC2 still
    /// removes) is asked again for a short while.
    /// </summary>
    internal sealed class AwsNetworkTeardown
    {
        private static readonly TimeSpan DependencyWait = TimeSpan.FromMinutes(3);

        private readonly AwsConnection connection;
        private readonly AwsNetworks networks;
        private readonly AwsMachines machines;

        public AwsNetworkTeardown(AwsConnection connection, AwsNetworks networks, AwsMachines machines)
        {
            this.connection = connection;
            this.networks = networks;
            this.machines = machines;
        }

        public async Task DeleteAsync(ClusterIdentity cluster, string region, CancellationToken cancellationToken)
        {
            var left = await machines.FindAsync(region, cluster, null, AwsMachines.LiveStates, cancellationToken).ConfigureAwait(false);
            if (left.Count > 0)
                throw CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Failed, connection.Provider, "delete network in " + region,
                    $"machines {string.Join(", ", left.Select(i => AwsTags.Value(i.Tags, ResourceTags.Node) ?? i.InstanceId))} still exist in {region}",
                    "delete those nodes first (destroy does), then delete the network");
            var owned = AwsTags.OwnedBy(cluster);
            await new AwsAddresses(connection).ReleaseAsync(region, cluster, null, cancellationToken).ConfigureAwait(false);

            var groups = await connection.CallAsync(region, "DescribeSecurityGroups", async ec2 =>
                (await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = owned }, cancellationToken).ConfigureAwait(false)).SecurityGroups ?? new List<SecurityGroup>(),
                cancellationToken).ConfigureAwait(false);
            foreach (var group in groups)
                await DeleteAsync(region, "DeleteSecurityGroup " + group.GroupName, ec2 => ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = group.GroupId }, cancellationToken), cancellationToken).ConfigureAwait(false);

            var tables = await connection.CallAsync(region, "DescribeRouteTables", async ec2 =>
                (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = owned }, cancellationToken).ConfigureAwait(false)).RouteTables ?? new List<RouteTable>(),
                cancellationToken).ConfigureAwait(false);
            foreach (var table in tables)
            {
                foreach (var association in (table.Associations ?? new List<RouteTableAssociation>()).Where(a => a.Main != true))
                    await connection.CallAsync(region, "DisassociateRouteTable " + association.RouteTableAssociationId, ec2 =>
                        ec2.DisassociateRouteTableAsync(new DisassociateRouteTableRequest { AssociationId = association.RouteTableAssociationId }, cancellationToken), cancellationToken).ConfigureAwait(false);
                await DeleteAsync(region, "DeleteRouteTable " + table.RouteTableId, ec2 => ec2.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = table.RouteTableId }, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            var gateways = await connection.CallAsync(region, "DescribeInternetGateways", async ec2 =>
                (await ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { Filters = owned }, cancellationToken).ConfigureAwait(false)).InternetGateways ?? new List<InternetGateway>(),
                cancellationToken).ConfigureAwait(false);
            foreach (var gateway in gateways)
            {
                foreach (var attachment in gateway.Attachments ?? new List<InternetGatewayAttachment>())
                    await DeleteAsync(region, "DetachInternetGateway " + gateway.InternetGatewayId, ec2 =>
                        ec2.DetachInternetGatewayAsync(new DetachInternetGatewayRequest { InternetGatewayId = gateway.InternetGatewayId, VpcId = attachment.VpcId }, cancellationToken), cancellationToken).ConfigureAwait(false);
                await DeleteAsync(region, "DeleteInternetGateway " + gateway.InternetGatewayId, ec2 =>
                    ec2.DeleteInternetGatewayAsync(new DeleteInternetGatewayRequest { InternetGatewayId = gateway.InternetGatewayId }, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            var subnets = await connection.CallAsync(region, "DescribeSubnets", async ec2 =>
                (await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = owned }, cancellationToken).ConfigureAwait(false)).Subnets ?? new List<Subnet>(),
                cancellationToken).ConfigureAwait(false);
            foreach (var subnet in subnets)
                await DeleteAsync(region, "DeleteSubnet " + subnet.SubnetId, ec2 => ec2.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = subnet.SubnetId }, cancellationToken), cancellationToken).ConfigureAwait(false);

            var vpcs = await connection.CallAsync(region, "DescribeVpcs", async ec2 =>
                (await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = owned }, cancellationToken).ConfigureAwait(false)).Vpcs ?? new List<Vpc>(),
                cancellationToken).ConfigureAwait(false);
            foreach (var vpc in vpcs)
                await DeleteAsync(region, "DeleteVpc " + vpc.VpcId, ec2 => ec2.DeleteVpcAsync(new DeleteVpcRequest { VpcId = vpc.VpcId }, cancellationToken), cancellationToken).ConfigureAwait(false);

            var keyName = ResourceNames.OfRegion(cluster, region, "key");
            var key = await networks.FindKeyPairAsync(region, keyName, cancellationToken).ConfigureAwait(false);
            if (key != null && ResourceTags.IsOwnedBy(AwsTags.ToDictionary(key.Tags), cluster))
                await connection.CallAsync(region, "DeleteKeyPair " + keyName, ec2 => ec2.DeleteKeyPairAsync(new DeleteKeyPairRequest { KeyName = keyName }, cancellationToken), cancellationToken).ConfigureAwait(false);
            else if (key != null)
                connection.Log($"key pair {keyName} is another cluster's: left alone");
        }

        /// <summary>One delete (or detach), asked again while EC2 answers DependencyViolation.</summary>
        private Task DeleteAsync(string region, string operation, Func<Amazon.EC2.IAmazonEC2, Task> call, CancellationToken cancellationToken) =>
            AwsPolling.UntilAsync(async () =>
            {
                try
                {
                    await connection.CallAsync(region, operation, async ec2 => { await call(ec2).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
                    return "done";
                }
                catch (CloudException e) when (e.InnerException is AmazonServiceException { ErrorCode: "DependencyViolation" })
                {
                    return null;
                }
            }, () => CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Failed, connection.Provider, operation,
                $"something else still depends on it after {DependencyWait.TotalMinutes} minutes (DependencyViolation)",
                "remove what is not MultiCloud's from the cluster's VPC (network interfaces, endpoints, instances), then sync again"), cancellationToken, DependencyWait);
    }
}
