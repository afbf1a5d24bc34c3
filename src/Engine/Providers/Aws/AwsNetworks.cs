using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// A cluster's network in one region: the imported SSH key pair, a VPC of its own (10.99.0.0/16) with an internet
    /// gateway and a route table that sends 0.0.0.0/0 to it, one subnet per availability zone a pool uses (made when
    /// its first machine is), and one security group per pool. Everything is found by the cluster-id tag; only the key
    /// pair has a name EC2 keeps unique, so only it can be another cluster's (<see cref="CloudErrors.NameTaken"/>).
    /// </summary>
    /// <remarks>
    /// Not the default VPC: an account may have none (deleted, or made before 2013-12), and a VPC of the cluster's own
    /// keeps its subnets, routes and security groups apart from whatever else runs there, and deletable as a whole.
    /// </remarks>
    internal sealed class AwsNetworks
    {
        public const string VpcCidr = "10.99.0.0/16";

        private readonly AwsConnection connection;
        private readonly AwsCatalog catalog;

        // Machines of one zone are made in parallel; without this, each would find no subnet and make one (EC2 refuses
        // the second with InvalidSubnet.Conflict).
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> subnetGates = new(StringComparer.Ordinal);

        public AwsNetworks(AwsConnection connection, AwsCatalog catalog)
        {
            this.connection = connection;
            this.catalog = catalog;
        }

        public async Task<NetworkInfo> EnsureAsync(NetworkRequest request, CancellationToken cancellationToken)
        {
            var cluster = request.Cluster;
            var region = request.Region;
            var keyName = await EnsureKeyPairAsync(cluster, region, request.SshPublicKey, cancellationToken).ConfigureAwait(false);
            var vpc = await FindVpcAsync(cluster, region, cancellationToken).ConfigureAwait(false)
                ?? await connection.CallAsync(region, "CreateVpc", async ec2 => (await ec2.CreateVpcAsync(new CreateVpcRequest
                {
                    CidrBlock = VpcCidr,
                    TagSpecifications = AwsTags.Specification(ResourceType.Vpc, ResourceNames.OfRegion(cluster, region, "net"), cluster),
                }, cancellationToken).ConfigureAwait(false)).Vpc.VpcId, cancellationToken).ConfigureAwait(false);
            var gateway = await EnsureGatewayAsync(cluster, region, vpc, cancellationToken).ConfigureAwait(false);
            var routes = await EnsureRouteTableAsync(cluster, region, vpc, gateway, cancellationToken).ConfigureAwait(false);

            var made = new Dictionary<string, string>
            {
                ["sshKey"] = keyName,
                ["network"] = vpc,
                ["internetGateway"] = gateway,
                ["routeTable"] = routes,
            };
            var firewall = new AwsFirewall(connection);
            foreach (var pool in request.Firewalls.OrderBy(p => p.Key, StringComparer.Ordinal))
                made["firewall/" + pool.Key] = await firewall.EnsureAsync(cluster, region, vpc, pool.Key, pool.Value, cancellationToken).ConfigureAwait(false);
            return new NetworkInfo(made);
        }

        /// <summary>The subnet of one zone, made (and routed) when the zone's first machine needs it.</summary>
        public async Task<string> EnsureSubnetAsync(ClusterIdentity cluster, string region, string zone, string vpc, string routeTable, CancellationToken cancellationToken)
        {
            var gate = subnetGates.GetOrAdd(region + "/" + zone, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await EnsureSubnetOnceAsync(cluster, region, zone, vpc, routeTable, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        private async Task<string> EnsureSubnetOnceAsync(ClusterIdentity cluster, string region, string zone, string vpc, string routeTable, CancellationToken cancellationToken)
        {
            var filters = AwsTags.OwnedBy(cluster);
            filters.Add(new Filter("availability-zone", new List<string> { zone }));
            var subnets = await connection.CallAsync(region, "DescribeSubnets", async ec2 =>
                (await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = filters }, cancellationToken).ConfigureAwait(false)).Subnets ?? new List<Subnet>(),
                cancellationToken).ConfigureAwait(false);
            var subnet = subnets.Where(s => s.VpcId == vpc).OrderBy(s => s.SubnetId, StringComparer.Ordinal).FirstOrDefault()?.SubnetId;
            if (subnet is null)
            {
                var zones = await catalog.ZonesAsync(region, cancellationToken).ConfigureAwait(false);
                var index = Math.Max(0, zones.ToList().IndexOf(zone)) % 16;
                subnet = await connection.CallAsync(region, "CreateSubnet", async ec2 => (await ec2.CreateSubnetAsync(new CreateSubnetRequest
                {
                    VpcId = vpc,
                    AvailabilityZone = zone,
                    CidrBlock = $"10.99.{index * 16}.0/20",
                    TagSpecifications = AwsTags.Specification(ResourceType.Subnet, ResourceNames.OfRegion(cluster, zone, "subnet"), cluster),
                }, cancellationToken).ConfigureAwait(false)).Subnet.SubnetId, cancellationToken, new PoolFields(region, Zone: zone)).ConfigureAwait(false);
            }
            var table = await RouteTableAsync(region, routeTable, cancellationToken).ConfigureAwait(false);
            if (table != null && !(table.Associations ?? new List<RouteTableAssociation>()).Any(a => a.SubnetId == subnet))
                await connection.CallAsync(region, "AssociateRouteTable", ec2 => ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = routeTable, SubnetId = subnet }, cancellationToken), cancellationToken).ConfigureAwait(false);
            return subnet;
        }

        public Task<string?> FindVpcAsync(ClusterIdentity cluster, string region, CancellationToken cancellationToken) =>
            connection.CallAsync(region, "DescribeVpcs", async ec2 =>
            {
                var vpcs = (await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = AwsTags.OwnedBy(cluster) }, cancellationToken).ConfigureAwait(false)).Vpcs;
                // CreateVpc has no idempotency token: a retried create may have made two; use the first, delete both at the end.
                return vpcs?.Select(v => v.VpcId).OrderBy(id => id, StringComparer.Ordinal).FirstOrDefault();
            }, cancellationToken);

        private async Task<string> EnsureKeyPairAsync(ClusterIdentity cluster, string region, string publicKey, CancellationToken cancellationToken)
        {
            var name = ResourceNames.OfRegion(cluster, region, "key");
            var existing = await FindKeyPairAsync(region, name, cancellationToken).ConfigureAwait(false);
            if (existing != null)
            {
                if (!ResourceTags.IsOwnedBy(AwsTags.ToDictionary(existing.Tags), cluster)) throw CloudErrors.NameTaken(connection.Provider, "ImportKeyPair " + name, name);
                return name;
            }
            await connection.CallAsync(region, "ImportKeyPair " + name, ec2 => ec2.ImportKeyPairAsync(new ImportKeyPairRequest
            {
                KeyName = name,
                // EC2 takes the OpenSSH public key line base64-encoded (the SDK passes the string as it is).
                PublicKeyMaterial = Convert.ToBase64String(Encoding.UTF8.GetBytes(publicKey.Trim())),
                TagSpecifications = AwsTags.Specification(ResourceType.KeyPair, name, cluster),
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
            return name;
        }

        public Task<KeyPairInfo?> FindKeyPairAsync(string region, string name, CancellationToken cancellationToken) =>
            connection.CallAsync(region, "DescribeKeyPairs", async ec2 =>
                (await ec2.DescribeKeyPairsAsync(new DescribeKeyPairsRequest { Filters = new List<Filter> { new Filter("key-name", new List<string> { name }) } }, cancellationToken).ConfigureAwait(false))
                    .KeyPairs?.FirstOrDefault(), cancellationToken);

        private async Task<string> EnsureGatewayAsync(ClusterIdentity cluster, string region, string vpc, CancellationToken cancellationToken)
        {
            var gateways = await connection.CallAsync(region, "DescribeInternetGateways", async ec2 =>
                (await ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { Filters = AwsTags.OwnedBy(cluster) }, cancellationToken).ConfigureAwait(false)).InternetGateways
                    ?? new List<InternetGateway>(), cancellationToken).ConfigureAwait(false);
            var gateway = gateways.FirstOrDefault(g => (g.Attachments ?? new List<InternetGatewayAttachment>()).Any(a => a.VpcId == vpc))
                ?? gateways.FirstOrDefault(g => (g.Attachments ?? new List<InternetGatewayAttachment>()).Count == 0);
            var id = gateway?.InternetGatewayId ?? await connection.CallAsync(region, "CreateInternetGateway", async ec2 => (await ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest
            {
                TagSpecifications = AwsTags.Specification(ResourceType.InternetGateway, ResourceNames.OfRegion(cluster, region, "igw"), cluster),
            }, cancellationToken).ConfigureAwait(false)).InternetGateway.InternetGatewayId, cancellationToken).ConfigureAwait(false);
            if (gateway is null || !(gateway.Attachments ?? new List<InternetGatewayAttachment>()).Any(a => a.VpcId == vpc))
                await connection.CallAsync(region, "AttachInternetGateway", ec2 => ec2.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { InternetGatewayId = id, VpcId = vpc }, cancellationToken), cancellationToken).ConfigureAwait(false);
            return id;
        }

        private async Task<string> EnsureRouteTableAsync(ClusterIdentity cluster, string region, string vpc, string gateway, CancellationToken cancellationToken)
        {
            var filters = AwsTags.OwnedBy(cluster);
            filters.Add(new Filter("vpc-id", new List<string> { vpc }));
            var table = await connection.CallAsync(region, "DescribeRouteTables", async ec2 =>
                (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = filters }, cancellationToken).ConfigureAwait(false)).RouteTables?
                    .OrderBy(t => t.RouteTableId, StringComparer.Ordinal).FirstOrDefault(), cancellationToken).ConfigureAwait(false);
            var id = table?.RouteTableId ?? await connection.CallAsync(region, "CreateRouteTable", async ec2 => (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest
            {
                VpcId = vpc,
                TagSpecifications = AwsTags.Specification(ResourceType.RouteTable, ResourceNames.OfRegion(cluster, region, "routes"), cluster),
            }, cancellationToken).ConfigureAwait(false)).RouteTable.RouteTableId, cancellationToken).ConfigureAwait(false);
            if (table is null || !(table.Routes ?? new List<Route>()).Any(r => r.DestinationCidrBlock == "0.0.0.0/0" && r.GatewayId == gateway))
                await connection.CallAsync(region, "CreateRoute", ec2 => ec2.CreateRouteAsync(new CreateRouteRequest { RouteTableId = id, DestinationCidrBlock = "0.0.0.0/0", GatewayId = gateway }, cancellationToken), cancellationToken).ConfigureAwait(false);
            return id;
        }

        private Task<RouteTable?> RouteTableAsync(string region, string id, CancellationToken cancellationToken) =>
            connection.CallAsync(region, "DescribeRouteTables", async ec2 =>
                (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = new List<string> { id } }, cancellationToken).ConfigureAwait(false)).RouteTables?.FirstOrDefault(),
                cancellationToken);
    }
}
