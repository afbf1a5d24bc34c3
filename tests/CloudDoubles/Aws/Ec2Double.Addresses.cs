using static MultiCloud.CloudDoubles.Aws.Ec2Xml;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>Elastic IPs (VPC domain): allocate, associate with a running instance, disassociate, release.</summary>
public sealed partial class Ec2Double
{
    private int nextElasticAddress = 10;

    private IEnumerable<object?> AllocateAddress(Ec2Call call)
    {
        if (call.Query["Domain"] is { } domain && domain != "vpc") throw new Ec2Error(400, "InvalidParameterValue", "EC2-Classic addresses are no longer available: use Domain=vpc");
        if (Mine<Ec2Address>(call).Count() >= AddressLimit) throw new Ec2Error(400, "AddressLimitExceeded", "The maximum number of addresses has been reached.");
        var address = new Ec2Address
        {
            Id = NewId("eipalloc"), Account = call.Account, Region = call.Region, PublicIp = "203.0.113." + nextElasticAddress++, Tags = TagsOf(call, "elastic-ip", "elastic-ip"),
        };
        Add(address);
        return new object?[] { E("publicIp", address.PublicIp), E("domain", "vpc"), E("allocationId", address.Id), E("networkBorderGroup", call.Region) };
    }

    private IEnumerable<object?> DescribeAddresses(Ec2Call call)
    {
        var ids = call.Query.Strings("AllocationId");
        var addresses = Filter(Mine<Ec2Address>(call), call, (a, f) => f switch
        {
            "allocation-id" => new[] { a.Id }, "public-ip" => new[] { a.PublicIp }, "instance-id" => new[] { a.InstanceId }, "association-id" => new[] { a.AssociationId },
            "domain" => new[] { "vpc" }, _ => null,
        }).Where(a => ids.Count == 0 || ids.Contains(a.Id)).ToList();
        foreach (var id in ids.Where(i => addresses.All(a => a.Id != i))) throw new Ec2Error(400, "InvalidAllocationID.NotFound", $"The allocation ID '{id}' does not exist");
        return new object?[]
        {
            Set("addressesSet", addresses.Select(a => new object?[]
            {
                E("publicIp", a.PublicIp), E("allocationId", a.Id), E("domain", "vpc"), Opt("instanceId", a.InstanceId), Opt("associationId", a.AssociationId),
                a.InstanceId is null ? null : E("networkInterfaceId", ((Ec2Instance)resources[a.InstanceId]).NetworkInterfaceId), E("networkBorderGroup", a.Region), Tags(a.Tags),
            })),
        };
    }

    private IEnumerable<object?> AssociateAddress(Ec2Call call)
    {
        var address = Get<Ec2Address>(call, call.Query.Required("AllocationId"), "InvalidAllocationID.NotFound", "allocation");
        var instance = Get<Ec2Instance>(call, call.Query.Required("InstanceId"), "InvalidInstanceID.NotFound", "instance");
        if (instance.State != "running" && instance.State != "stopped")
            throw new Ec2Error(400, "IncorrectInstanceState", $"The instance '{instance.Id}' is not in a valid state for this operation.");
        if (!Mine<Ec2InternetGateway>(call).Any(g => g.AttachedVpc == instance.VpcId))
            throw new Ec2Error(400, "Gateway.NotAttached", $"Network {instance.VpcId} is not attached to any internet gateway");
        if (address.InstanceId == instance.Id) return new object?[] { E("return", "true"), E("associationId", address.AssociationId) };
        if (address.InstanceId != null && call.Query.Bool("AllowReassociation") != true)
            throw new Ec2Error(400, "Resource.AlreadyAssociated", $"resource {address.Id} is already associated with associate-id {address.AssociationId}");
        foreach (var other in Mine<Ec2Address>(call).Where(a => a.InstanceId == instance.Id)) (other.InstanceId, other.AssociationId) = (null, null);
        (address.InstanceId, address.AssociationId) = (instance.Id, NewId("eipassoc"));
        return new object?[] { E("return", "true"), E("associationId", address.AssociationId) };
    }

    private IEnumerable<object?> DisassociateAddress(Ec2Call call)
    {
        var id = call.Query.Required("AssociationId");
        var address = Mine<Ec2Address>(call).FirstOrDefault(a => a.AssociationId == id)
            ?? throw new Ec2Error(400, "InvalidAssociationID.NotFound", $"The association ID '{id}' does not exist");
        (address.InstanceId, address.AssociationId) = (null, null);
        return Return();
    }

    private IEnumerable<object?> ReleaseAddress(Ec2Call call)
    {
        var address = Get<Ec2Address>(call, call.Query.Required("AllocationId"), "InvalidAllocationID.NotFound", "allocation");
        if (address.AssociationId != null) throw new Ec2Error(400, "InvalidIPAddress.InUse", "Address is in use");
        Remove(address);
        return Return();
    }
}
