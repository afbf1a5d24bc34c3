using System.Net;
using static MultiCloud.CloudDoubles.Aws.Ec2Xml;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>VPCs, subnets, internet gateways and route tables, with EC2's dependency rules.</summary>
public sealed partial class Ec2Double
{
    /// <summary>What EC2 makes inside every VPC: its "default" security group and main route table (untagged, deleted with the VPC).</summary>
    private readonly Dictionary<string, (Ec2SecurityGroup Group, Ec2RouteTable Main)> vpcParts = new(StringComparer.Ordinal);

    private IEnumerable<object?> CreateVpc(Ec2Call call)
    {
        var cidr = call.Query.Required("CidrBlock");
        var (_, prefix) = ParseCidr(cidr);
        if (prefix < 16 || prefix > 28) throw new Ec2Error(400, "InvalidVpc.Range", $"The CIDR '{cidr}' is invalid.");
        if (Mine<Ec2Vpc>(call).Count() >= VpcLimit) throw new Ec2Error(400, "VpcLimitExceeded", "The maximum number of VPCs has been reached.");
        var vpc = new Ec2Vpc { Id = NewId("vpc"), Account = call.Account, Region = call.Region, Cidr = cidr, Tags = TagsOf(call, "vpc", "vpc") };
        Add(vpc);
        var group = new Ec2SecurityGroup { Id = NewId("sg"), Account = call.Account, Region = call.Region, Name = "default", Description = "default VPC security group", VpcId = vpc.Id };
        var main = new Ec2RouteTable { Id = NewId("rtb"), Account = call.Account, Region = call.Region, VpcId = vpc.Id };
        vpcParts[vpc.Id] = (group, main);
        return new object?[] { E("vpc", VpcXml(vpc)) };
    }

    private object?[] VpcXml(Ec2Vpc vpc) => new object?[]
    {
        E("vpcId", vpc.Id), E("ownerId", vpc.Account), E("state", "available"), E("cidrBlock", vpc.Cidr), E("dhcpOptionsId", "dopt-0d1c2b3a"),
        E("instanceTenancy", "default"), E("isDefault", "false"), Tags(vpc.Tags),
    };

    private IEnumerable<object?> DescribeVpcs(Ec2Call call)
    {
        var ids = call.Query.Strings("VpcId");
        var vpcs = Filter(Mine<Ec2Vpc>(call), call, (v, f) => f switch
        {
            "vpc-id" => new[] { v.Id }, "cidr" or "cidr-block-association.cidr-block" => new[] { v.Cidr }, "state" => new[] { "available" }, "owner-id" => new[] { v.Account }, _ => null,
        }).Where(v => ids.Count == 0 || ids.Contains(v.Id)).ToList();
        foreach (var id in ids.Where(i => vpcs.All(v => v.Id != i))) throw new Ec2Error(400, "InvalidVpcID.NotFound", $"The vpc ID '{id}' does not exist");
        return new object?[] { Set("vpcSet", vpcs.Select(VpcXml)) };
    }

    private IEnumerable<object?> DeleteVpc(Ec2Call call)
    {
        var vpc = Get<Ec2Vpc>(call, call.Query.Required("VpcId"), "InvalidVpcID.NotFound", "vpc");
        var dependents = Mine<Ec2Subnet>(call).Where(s => s.VpcId == vpc.Id).Select(s => s.Id)
            .Concat(Mine<Ec2SecurityGroup>(call).Where(g => g.VpcId == vpc.Id).Select(g => g.Id))
            .Concat(Mine<Ec2RouteTable>(call).Where(t => t.VpcId == vpc.Id).Select(t => t.Id))
            .Concat(Mine<Ec2InternetGateway>(call).Where(g => g.AttachedVpc == vpc.Id).Select(g => g.Id)).ToList();
        if (dependents.Count > 0) throw new Ec2Error(400, "DependencyViolation", $"The vpc '{vpc.Id}' has dependencies and cannot be deleted.");
        vpcParts.Remove(vpc.Id);
        Remove(vpc);
        return Return();
    }

    private IEnumerable<object?> CreateSubnet(Ec2Call call)
    {
        var vpc = Get<Ec2Vpc>(call, call.Query.Required("VpcId"), "InvalidVpcID.NotFound", "vpc");
        var zones = Catalog.Zones(call.Region);
        var zone = call.Query["AvailabilityZone"] ?? zones[0];
        if (!zones.Contains(zone))
            throw new Ec2Error(400, "InvalidParameterValue", $"Value ({zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: {string.Join(", ", zones)}.");
        var cidr = call.Query.Required("CidrBlock");
        if (!Within(cidr, vpc.Cidr)) throw new Ec2Error(400, "InvalidSubnet.Range", $"The CIDR '{cidr}' is invalid.");
        if (Mine<Ec2Subnet>(call).Any(s => s.VpcId == vpc.Id && (Within(cidr, s.Cidr) || Within(s.Cidr, cidr))))
            throw new Ec2Error(400, "InvalidSubnet.Conflict", $"The CIDR '{cidr}' conflicts with another subnet");
        var subnet = new Ec2Subnet { Id = NewId("subnet"), Account = call.Account, Region = call.Region, VpcId = vpc.Id, Zone = zone, Cidr = cidr, Tags = TagsOf(call, "subnet", "subnet") };
        Add(subnet);
        return new object?[] { E("subnet", SubnetXml(subnet)) };
    }

    private object?[] SubnetXml(Ec2Subnet s) => new object?[]
    {
        E("subnetId", s.Id), E("state", "available"), E("vpcId", s.VpcId), E("cidrBlock", s.Cidr), E("availableIpAddressCount", 4091),
        E("availabilityZone", s.Zone), E("defaultForAz", "false"), E("mapPublicIpOnLaunch", "false"), E("ownerId", s.Account), Tags(s.Tags),
    };

    private IEnumerable<object?> DescribeSubnets(Ec2Call call)
    {
        var ids = call.Query.Strings("SubnetId");
        var subnets = Filter(Mine<Ec2Subnet>(call), call, (s, f) => f switch
        {
            "subnet-id" => new[] { s.Id }, "vpc-id" => new[] { s.VpcId }, "availability-zone" => new[] { s.Zone }, "cidr-block" => new[] { s.Cidr }, _ => null,
        }).Where(s => ids.Count == 0 || ids.Contains(s.Id)).ToList();
        return new object?[] { Set("subnetSet", subnets.Select(SubnetXml)) };
    }

    private IEnumerable<object?> DeleteSubnet(Ec2Call call)
    {
        var subnet = Get<Ec2Subnet>(call, call.Query.Required("SubnetId"), "InvalidSubnetID.NotFound", "subnet");
        if (Mine<Ec2Instance>(call).Any(i => i.SubnetId == subnet.Id && i.State != "terminated") || Mine<Ec2NetworkInterface>(call).Any(n => n.SubnetId == subnet.Id))
            throw new Ec2Error(400, "DependencyViolation", $"The subnet '{subnet.Id}' has dependencies and cannot be deleted.");
        foreach (var table in Mine<Ec2RouteTable>(call)) table.Associations.RemoveAll(a => a.SubnetId == subnet.Id);
        Remove(subnet);
        return Return();
    }

    private IEnumerable<object?> CreateInternetGateway(Ec2Call call)
    {
        var gateway = new Ec2InternetGateway { Id = NewId("igw"), Account = call.Account, Region = call.Region, Tags = TagsOf(call, "internet-gateway", "internet-gateway") };
        Add(gateway);
        return new object?[] { E("internetGateway", GatewayXml(gateway)) };
    }

    private static object?[] GatewayXml(Ec2InternetGateway g) => new object?[]
    {
        E("internetGatewayId", g.Id), E("ownerId", g.Account),
        Set("attachmentSet", g.AttachedVpc is null ? Array.Empty<object?[]>() : new[] { new object?[] { E("vpcId", g.AttachedVpc), E("state", "available") } }), Tags(g.Tags),
    };

    private IEnumerable<object?> DescribeInternetGateways(Ec2Call call)
    {
        var ids = call.Query.Strings("InternetGatewayId");
        var gateways = Filter(Mine<Ec2InternetGateway>(call), call, (g, f) => f switch
        {
            "internet-gateway-id" => new[] { g.Id }, "attachment.vpc-id" => new[] { g.AttachedVpc }, _ => null,
        }).Where(g => ids.Count == 0 || ids.Contains(g.Id)).ToList();
        return new object?[] { Set("internetGatewaySet", gateways.Select(GatewayXml)) };
    }

    private IEnumerable<object?> AttachInternetGateway(Ec2Call call)
    {
        var gateway = Get<Ec2InternetGateway>(call, call.Query.Required("InternetGatewayId"), "InvalidInternetGatewayID.NotFound", "internetGateway");
        var vpc = Get<Ec2Vpc>(call, call.Query.Required("VpcId"), "InvalidVpcID.NotFound", "vpc");
        if (gateway.AttachedVpc != null) throw new Ec2Error(400, "Resource.AlreadyAssociated", $"resource {gateway.Id} is already attached to network {gateway.AttachedVpc}");
        if (Mine<Ec2InternetGateway>(call).Any(g => g.AttachedVpc == vpc.Id)) throw new Ec2Error(400, "Resource.AlreadyAssociated", $"Network {vpc.Id} already has an internet gateway attached");
        gateway.AttachedVpc = vpc.Id;
        return Return();
    }

    private IEnumerable<object?> DetachInternetGateway(Ec2Call call)
    {
        var gateway = Get<Ec2InternetGateway>(call, call.Query.Required("InternetGatewayId"), "InvalidInternetGatewayID.NotFound", "internetGateway");
        var vpc = call.Query.Required("VpcId");
        if (gateway.AttachedVpc != vpc) throw new Ec2Error(400, "Gateway.NotAttached", $"resource {gateway.Id} is not attached to network {vpc}");
        if (Mine<Ec2Address>(call).Any(a => a.InstanceId != null && Mine<Ec2Instance>(call).Any(i => i.Id == a.InstanceId && i.VpcId == vpc)))
            throw new Ec2Error(400, "DependencyViolation", $"Network {vpc} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.");
        gateway.AttachedVpc = null;
        return Return();
    }

    private IEnumerable<object?> DeleteInternetGateway(Ec2Call call)
    {
        var gateway = Get<Ec2InternetGateway>(call, call.Query.Required("InternetGatewayId"), "InvalidInternetGatewayID.NotFound", "internetGateway");
        if (gateway.AttachedVpc != null) throw new Ec2Error(400, "DependencyViolation", $"The internetGateway '{gateway.Id}' has dependencies and cannot be deleted.");
        Remove(gateway);
        return Return();
    }

    private IEnumerable<object?> CreateRouteTable(Ec2Call call)
    {
        var vpc = Get<Ec2Vpc>(call, call.Query.Required("VpcId"), "InvalidVpcID.NotFound", "vpc");
        var table = new Ec2RouteTable { Id = NewId("rtb"), Account = call.Account, Region = call.Region, VpcId = vpc.Id, Tags = TagsOf(call, "route-table", "route-table") };
        Add(table);
        return new object?[] { E("routeTable", RouteTableXml(table, vpc.Cidr, main: false)) };
    }

    private static object?[] RouteTableXml(Ec2RouteTable t, string vpcCidr, bool main) => new object?[]
    {
        E("routeTableId", t.Id), E("vpcId", t.VpcId), E("ownerId", t.Account),
        Set("routeSet", new[] { new object?[] { E("destinationCidrBlock", vpcCidr), E("gatewayId", "local"), E("state", "active"), E("origin", "CreateRouteTable") } }
            .Concat(t.Routes.Select(r => new object?[] { E("destinationCidrBlock", r.Destination), E("gatewayId", r.GatewayId), E("state", "active"), E("origin", "CreateRoute") }))),
        Set("associationSet", (main ? new[] { new object?[] { E("routeTableAssociationId", "rtbassoc-main" + t.Id[4..]), E("routeTableId", t.Id), E("main", "true"), E("associationState", E("state", "associated")) } } : Array.Empty<object?[]>())
            .Concat(t.Associations.Select(a => new object?[] { E("routeTableAssociationId", a.Id), E("routeTableId", t.Id), E("subnetId", a.SubnetId), E("main", "false"), E("associationState", E("state", "associated")) }))),
        Tags(t.Tags),
    };

    private IEnumerable<object?> DescribeRouteTables(Ec2Call call)
    {
        var ids = call.Query.Strings("RouteTableId");
        var mains = vpcParts.Values.Select(p => p.Main).Where(t => t.Account == call.Account && t.Region == call.Region);
        var tables = Filter(Mine<Ec2RouteTable>(call).Concat(mains), call, (t, f) => f switch
        {
            "route-table-id" => new[] { t.Id }, "vpc-id" => new[] { t.VpcId }, "association.subnet-id" => t.Associations.Select(a => a.SubnetId), _ => null,
        }).Where(t => ids.Count == 0 || ids.Contains(t.Id)).ToList();
        foreach (var id in ids.Where(i => tables.All(t => t.Id != i))) throw new Ec2Error(400, "InvalidRouteTableID.NotFound", $"The routeTable ID '{id}' does not exist");
        return new object?[] { Set("routeTableSet", tables.Select(t => RouteTableXml(t, resources.TryGetValue(t.VpcId, out var v) ? ((Ec2Vpc)v).Cidr : "", vpcParts.TryGetValue(t.VpcId, out var p) && p.Main == t))) };
    }

    private IEnumerable<object?> CreateRoute(Ec2Call call)
    {
        var table = Get<Ec2RouteTable>(call, call.Query.Required("RouteTableId"), "InvalidRouteTableID.NotFound", "routeTable");
        var destination = call.Query.Required("DestinationCidrBlock");
        var gateway = Get<Ec2InternetGateway>(call, call.Query.Required("GatewayId"), "InvalidGatewayID.NotFound", "gateway");
        if (gateway.AttachedVpc != table.VpcId) throw new Ec2Error(400, "InvalidParameterValue", $"route table {table.Id} and network gateway {gateway.Id} belong to different networks");
        if (table.Routes.Any(r => r.Destination == destination)) throw new Ec2Error(400, "RouteAlreadyExists", $"The route identified by {destination} already exists.");
        table.Routes.Add(new Ec2Route(destination, gateway.Id));
        return Return();
    }

    private IEnumerable<object?> AssociateRouteTable(Ec2Call call)
    {
        var table = Get<Ec2RouteTable>(call, call.Query.Required("RouteTableId"), "InvalidRouteTableID.NotFound", "routeTable");
        var subnet = Get<Ec2Subnet>(call, call.Query.Required("SubnetId"), "InvalidSubnetID.NotFound", "subnet");
        if (subnet.VpcId != table.VpcId) throw new Ec2Error(400, "InvalidParameterValue", $"Route table {table.Id} and subnet {subnet.Id} belong to different networks");
        if (Mine<Ec2RouteTable>(call).Any(t => t.Associations.Any(a => a.SubnetId == subnet.Id)))
            throw new Ec2Error(400, "Resource.AlreadyAssociated", $"the specified association for route table {table.Id} conflicts with an existing association");
        var association = new Ec2RouteAssociation(NewId("rtbassoc"), subnet.Id);
        table.Associations.Add(association);
        return new object?[] { E("associationId", association.Id), E("associationState", E("state", "associated")) };
    }

    private IEnumerable<object?> DisassociateRouteTable(Ec2Call call)
    {
        var id = call.Query.Required("AssociationId");
        var table = Mine<Ec2RouteTable>(call).FirstOrDefault(t => t.Associations.Any(a => a.Id == id))
            ?? throw new Ec2Error(400, "InvalidAssociationID.NotFound", $"The association ID '{id}' does not exist");
        table.Associations.RemoveAll(a => a.Id == id);
        return Return();
    }

    private IEnumerable<object?> DeleteRouteTable(Ec2Call call)
    {
        var table = Get<Ec2RouteTable>(call, call.Query.Required("RouteTableId"), "InvalidRouteTableID.NotFound", "routeTable");
        if (table.Associations.Count > 0) throw new Ec2Error(400, "DependencyViolation", $"The routeTable '{table.Id}' has dependencies and cannot be deleted.");
        Remove(table);
        return Return();
    }

    private static (uint Address, int Prefix) ParseCidr(string cidr)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || !int.TryParse(parts[1], out var prefix) || prefix < 0 || prefix > 32)
            throw new Ec2Error(400, "InvalidParameterValue", $"Value ({cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.");
        var bytes = ip.GetAddressBytes();
        return ((uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]), prefix);
    }

    /// <summary>True when <paramref name="inner"/> lies inside <paramref name="outer"/>.</summary>
    private static bool Within(string inner, string outer)
    {
        var (a, p) = ParseCidr(inner);
        var (b, q) = ParseCidr(outer);
        if (p < q) return false;
        var mask = q == 0 ? 0u : uint.MaxValue << (32 - q);
        return (a & mask) == (b & mask);
    }
}
