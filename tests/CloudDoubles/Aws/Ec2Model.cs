namespace MultiCloud.CloudDoubles.Aws;

/// <summary>What every EC2 resource of the double has: id, the account and region it lives in, its tags.</summary>
public abstract class Ec2Resource
{
    public required string Id { get; init; }
    public required string Account { get; init; }
    public required string Region { get; init; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The ledger's type name ("vpc", "instance", "elastic-ip" …), as EC2's resource types are named.</summary>
    public abstract string Type { get; }
}

public sealed class Ec2KeyPair : Ec2Resource
{
    public override string Type => "key-pair";
    public required string Name { get; init; }
    public required string KeyType { get; init; }
    public required string Fingerprint { get; init; }
}

public sealed class Ec2Vpc : Ec2Resource
{
    public override string Type => "vpc";
    public required string Cidr { get; init; }
}

public sealed class Ec2Subnet : Ec2Resource
{
    public override string Type => "subnet";
    public required string VpcId { get; init; }
    public required string Zone { get; init; }
    public required string Cidr { get; init; }
}

public sealed class Ec2InternetGateway : Ec2Resource
{
    public override string Type => "internet-gateway";
    public string? AttachedVpc { get; set; }
}

public sealed record Ec2Route(string Destination, string GatewayId);

public sealed record Ec2RouteAssociation(string Id, string SubnetId);

public sealed class Ec2RouteTable : Ec2Resource
{
    public override string Type => "route-table";
    public required string VpcId { get; init; }
    public List<Ec2Route> Routes { get; } = new();
    public List<Ec2RouteAssociation> Associations { get; } = new();
}

/// <summary>One inbound permission of a security group: protocol, port range, one source range.</summary>
public sealed record Ec2Permission(string Protocol, int FromPort, int ToPort, string Cidr, string? Description, string RuleId);

public sealed class Ec2SecurityGroup : Ec2Resource
{
    public override string Type => "security-group";
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string VpcId { get; init; }
    public List<Ec2Permission> Ingress { get; } = new();
}

public sealed class Ec2Instance : Ec2Resource
{
    public override string Type => "instance";
    public required string ReservationId { get; init; }
    public required string ImageId { get; init; }
    public required string InstanceType { get; init; }
    public string? KeyName { get; init; }
    public required string SubnetId { get; init; }
    public required string VpcId { get; init; }
    public required string Zone { get; init; }
    public required IReadOnlyList<string> SecurityGroups { get; init; }
    public required string PrivateIp { get; init; }
    public required string RootDevice { get; init; }
    public required string VolumeId { get; init; }
    public required string NetworkInterfaceId { get; init; }
    public required bool WantsPublicIp { get; init; }
    public string? ClientToken { get; init; }
    public required string UserData { get; init; }
    public string? HttpTokens { get; init; }
    public DateTime LaunchTime { get; init; } = DateTime.UtcNow;
    public string State { get; set; } = "pending";
    public string? PublicIp { get; set; }
    public string? StateReason { get; set; }

    /// <summary>The machine behind it: booting, or being destroyed.</summary>
    public Task Work { get; set; } = Task.CompletedTask;

    /// <summary>Describes that saw this instance since its state last changed (pending and shutting-down last a few).</summary>
    public int Polls { get; set; }

    /// <summary>Terminated and no longer listed (EC2 lists terminated instances for about an hour).</summary>
    public bool Forgotten { get; set; }
}

public sealed class Ec2Volume : Ec2Resource
{
    public override string Type => "volume";
    public required int SizeGb { get; init; }
}

public sealed class Ec2NetworkInterface : Ec2Resource
{
    public override string Type => "network-interface";
    public required string SubnetId { get; init; }
}

public sealed class Ec2Address : Ec2Resource
{
    public override string Type => "elastic-ip";
    public required string PublicIp { get; init; }
    public string? InstanceId { get; set; }
    public string? AssociationId { get; set; }
}
