using System.Text;
using static MultiCloud.CloudDoubles.Aws.Ec2Xml;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>Instances: RunInstances with ClientToken idempotency, state transitions driven by the machine backend, start and terminate.</summary>
public sealed partial class Ec2Double
{
    private const int MaxUserDataBytes = 16 * 1024;

    private static readonly Dictionary<string, int> StateCodes = new()
    {
        ["pending"] = 0, ["running"] = 16, ["shutting-down"] = 32, ["terminated"] = 48, ["stopping"] = 64, ["stopped"] = 80,
    };

    /// <summary>(account, region, client token) → what the first RunInstances with it asked for and made.</summary>
    private readonly Dictionary<(string, string, string), (string Fingerprint, string InstanceId)> clientTokens = new();

    /// <summary>The instance as if it had been stopped (EC2's StopInstances), for tests of a machine found stopped.</summary>
    public void Stop(string instanceId)
    {
        lock (gate) ((Ec2Instance)resources[instanceId]).State = "stopped";
    }

    private IEnumerable<object?> RunInstances(Ec2Call call)
    {
        var query = call.Query;
        var token = query["ClientToken"];
        if (token != null)
        {
            if (token.Length > 64 || token.Any(c => c > 127)) throw new Ec2Error(400, "InvalidParameterValue", "Client token must be at most 64 ASCII characters");
            if (clientTokens.TryGetValue((call.Account, call.Region, token), out var earlier))
            {
                if (earlier.Fingerprint != query.Fingerprint("ClientToken"))
                    throw new Ec2Error(400, "IdempotentParameterMismatch", "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).");
                var again = (Ec2Instance)resources[earlier.InstanceId];
                return Reservation(again);
            }
        }
        if (query.Int("MinCount") != 1 || query.Int("MaxCount") != 1)
            throw new Ec2Error(400, "InvalidParameterValue", "This double launches exactly one instance per call (MinCount=MaxCount=1).");
        var image = Catalog.Image(call.Region, query.Required("ImageId"))
            ?? throw new Ec2Error(400, "InvalidAMIID.NotFound", $"The image id '[{query["ImageId"]}]' does not exist");
        var type = query.Required("InstanceType");
        if (!Catalog.InstanceTypes.TryGetValue(type, out var vcpus)) throw new Ec2Error(400, "InvalidParameterValue", $"Invalid value '{type}' for InstanceType.");
        var keyName = query["KeyName"];
        if (keyName != null && Mine<Ec2KeyPair>(call).All(k => k.Name != keyName)) throw new Ec2Error(400, "InvalidKeyPair.NotFound", $"The key pair '{keyName}' does not exist");
        var userData = Decode(query["UserData"]);
        var nic = query.Items("NetworkInterface").FirstOrDefault();
        var subnet = Get<Ec2Subnet>(call, nic?["SubnetId"] ?? query["SubnetId"], "InvalidSubnetID.NotFound", "subnet");
        var groupIds = nic?.Strings("SecurityGroupId") ?? query.Strings("SecurityGroupId");
        foreach (var id in groupIds)
        {
            var group = Groups(call).FirstOrDefault(g => g.Id == id) ?? throw new Ec2Error(400, "InvalidGroup.NotFound", $"The security group '{id}' does not exist");
            if (group.VpcId != subnet.VpcId) throw new Ec2Error(400, "InvalidParameter", $"Security group {id} and subnet {subnet.Id} belong to different networks.");
        }
        if (!Catalog.Offers(type, subnet.Zone))
            throw new Ec2Error(400, "Unsupported", $"Your requested instance type ({type}) is not supported in your requested Availability Zone ({subnet.Zone}). Please retry your request by not specifying an Availability Zone or choosing {string.Join(", ", Catalog.Zones(call.Region).Where(z => Catalog.Offers(type, z)))}.");
        var root = query.Items("BlockDeviceMapping").FirstOrDefault(m => m["DeviceName"] == image.RootDevice);
        var size = root?.Member("Ebs").Int("VolumeSize") ?? image.RootSizeGb;
        if (size < image.RootSizeGb)
            throw new Ec2Error(400, "InvalidBlockDeviceMapping", $"Volume of size {size}GB is smaller than snapshot 'snap-0{image.Id[4..]}', expect size >= {image.RootSizeGb}GB");
        var used = Mine<Ec2Instance>(call).Where(i => i.State is not ("terminated" or "stopped")).Sum(i => Catalog.InstanceTypes.GetValueOrDefault(i.InstanceType, 1));
        if (used + vcpus > VcpuLimit)
            throw new Ec2Error(400, "VcpuLimitExceeded", $"You have requested more vCPU capacity than your current vCPU limit of {VcpuLimit} allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.");
        var instanceTags = TagsOf(call, "instance", "instance", "volume", "network-interface");

        var instance = new Ec2Instance
        {
            Id = NewId("i"), Account = call.Account, Region = call.Region, ReservationId = NewId("r"), ImageId = image.Id, InstanceType = type, KeyName = keyName,
            SubnetId = subnet.Id, VpcId = subnet.VpcId, Zone = subnet.Zone, SecurityGroups = groupIds, PrivateIp = PrivateAddress(call, subnet),
            RootDevice = image.RootDevice, VolumeId = NewId("vol"), NetworkInterfaceId = NewId("eni"),
            WantsPublicIp = nic?.Bool("AssociatePublicIpAddress") ?? false, ClientToken = token, UserData = userData,
            HttpTokens = query.Member("MetadataOptions")["HttpTokens"] ?? "optional", Tags = instanceTags,
        };
        Add(instance);
        Add(new Ec2Volume { Id = instance.VolumeId, Account = call.Account, Region = call.Region, SizeGb = size, Tags = query.TagsFor("volume") });
        Add(new Ec2NetworkInterface { Id = instance.NetworkInterfaceId, Account = call.Account, Region = call.Region, SubnetId = subnet.Id, Tags = query.TagsFor("network-interface") });
        if (token != null) clientTokens[(call.Account, call.Region, token)] = (query.Fingerprint("ClientToken"), instance.Id);
        if (DelayInstanceIndex) unindexed.Add(instance.Id);
        var name = MachineName(instance);
        instance.Work = Task.Run(async () =>
        {
            var booted = await backend.BootAsync(name, userData, CancellationToken.None);
            lock (gate) if (instance.WantsPublicIp) instance.PublicIp = booted.PublicAddress;
        });
        return Reservation(instance);
    }

    /// <summary>The name the machine backend knows the instance by: its Name tag, or its id.</summary>
    private static string MachineName(Ec2Instance instance) => instance.Tags.TryGetValue("Name", out var name) ? name : instance.Id;

    private static string Decode(string? userData)
    {
        if (userData is null) return "";
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(userData);
        }
        catch (FormatException)
        {
            throw new Ec2Error(400, "InvalidParameterValue", "Invalid BASE64 encoding of user data.");
        }
        if (bytes.Length > MaxUserDataBytes) throw new Ec2Error(400, "InvalidParameterValue", $"User data is limited to {MaxUserDataBytes} bytes");
        return Encoding.UTF8.GetString(bytes);
    }

    private string PrivateAddress(Ec2Call call, Ec2Subnet subnet)
    {
        var (network, _) = ParseCidr(subnet.Cidr);
        var host = network + 10 + (uint)Mine<Ec2Instance>(call).Count(i => i.SubnetId == subnet.Id);
        return $"{host >> 24}.{(host >> 16) & 255}.{(host >> 8) & 255}.{host & 255}";
    }

    private IEnumerable<object?> Reservation(Ec2Instance instance) => new object?[]
    {
        E("reservationId", instance.ReservationId), E("ownerId", instance.Account), E("groupSet"), Set("instancesSet", new[] { InstanceXml(instance) }),
    };

    private object?[] InstanceXml(Ec2Instance i)
    {
        var publicIp = Mine<Ec2Address>(new Ec2Call(i.Account, i.Region, new Ec2Query(new Dictionary<string, string>()), "")).FirstOrDefault(a => a.InstanceId == i.Id)?.PublicIp ?? i.PublicIp;
        var live = i.State != "terminated";
        return new object?[]
        {
            E("instanceId", i.Id), E("imageId", i.ImageId), E("instanceState", E("code", StateCodes[i.State]), E("name", i.State)),
            E("privateDnsName", live ? $"ip-{i.PrivateIp.Replace('.', '-')}.{i.Region}.compute.internal" : ""), E("dnsName", publicIp is null ? "" : $"ec2-{publicIp.Replace('.', '-')}.{i.Region}.compute.amazonaws.com"),
            E("reason"), Opt("keyName", i.KeyName), E("amiLaunchIndex", 0), E("instanceType", i.InstanceType), E("launchTime", Time(i.LaunchTime)),
            E("placement", E("availabilityZone", i.Zone), E("tenancy", "default")), E("monitoring", E("state", "disabled")),
            live ? E("subnetId", i.SubnetId) : null, live ? E("vpcId", i.VpcId) : null, live ? E("privateIpAddress", i.PrivateIp) : null, Opt("ipAddress", live ? publicIp : null),
            Set("groupSet", (live ? i.SecurityGroups : Array.Empty<string>()).Select(g => new object?[] { E("groupId", g) })),
            i.StateReason is null ? null : E("stateReason", E("code", i.StateReason.Split(':')[0]), E("message", i.StateReason)),
            E("architecture", "x86_64"), E("rootDeviceType", "ebs"), E("rootDeviceName", i.RootDevice),
            Set("blockDeviceMapping", live ? new[] { new object?[] { E("deviceName", i.RootDevice), E("ebs", E("volumeId", i.VolumeId), E("status", "attached"), E("attachTime", Time(i.LaunchTime)), E("deleteOnTermination", "true")) } } : Array.Empty<object?[]>()),
            Opt("clientToken", i.ClientToken), Tags(i.Tags),
            Set("networkInterfaceSet", live ? new[] { new object?[]
            {
                E("networkInterfaceId", i.NetworkInterfaceId), E("subnetId", i.SubnetId), E("vpcId", i.VpcId), E("status", "in-use"), E("privateIpAddress", i.PrivateIp),
                publicIp is null ? null : E("association", E("publicIp", publicIp), E("ipOwnerId", "amazon")),
                E("attachment", E("attachmentId", "eni-attach-" + i.NetworkInterfaceId[4..]), E("deviceIndex", 0), E("status", "attached"), E("deleteOnTermination", "true")),
            } } : Array.Empty<object?[]>()),
            E("metadataOptions", E("state", "applied"), E("httpTokens", i.HttpTokens), E("httpEndpoint", "enabled")),
        };
    }

    /// <summary>Moves an instance on when its machine's work is done and it was seen <see cref="PollsBeforeTransition"/> times.</summary>
    private void Advance(Ec2Instance instance)
    {
        if (instance.State is not ("pending" or "shutting-down") || !instance.Work.IsCompleted) return;
        if (instance.Polls++ < PollsBeforeTransition) return;
        instance.Polls = 0;
        if (instance.State == "shutting-down" || instance.Work.IsFaulted)
        {
            if (instance.Work.IsFaulted && instance.State == "pending") instance.StateReason = "Server.InternalError: Internal error on launch";
            instance.State = "terminated";
            ledger.Remove(Name, instance.Id);
            foreach (var part in new[] { instance.VolumeId, instance.NetworkInterfaceId }) if (resources.TryGetValue(part, out var owned)) Remove(owned);
            foreach (var address in resources.Values.OfType<Ec2Address>().Where(a => a.InstanceId == instance.Id)) (address.InstanceId, address.AssociationId) = (null, null);
            return;
        }
        instance.State = "running";
    }

    private IEnumerable<object?> DescribeInstances(Ec2Call call)
    {
        var ids = call.Query.Strings("InstanceId");
        var visible = Mine<Ec2Instance>(call).Where(i => !i.Forgotten).ToList();
        foreach (var id in ids.Where(i => visible.All(v => v.Id != i))) throw new Ec2Error(400, "InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist");
        foreach (var instance in visible.Where(i => ids.Count == 0 || ids.Contains(i.Id))) Advance(instance);
        var searched = call.Query.Filters().Count == 0 ? visible : visible.Where(i => !unindexed.Contains(i.Id));
        var found = Filter(searched, call, (i, f) => f switch
        {
            "instance-state-name" => new[] { i.State }, "instance-id" => new[] { i.Id }, "client-token" => new[] { i.ClientToken }, "subnet-id" => new[] { i.SubnetId },
            "vpc-id" => new[] { i.VpcId }, "availability-zone" => new[] { i.Zone }, "instance-type" => new[] { i.InstanceType }, "image-id" => new[] { i.ImageId },
            "key-name" => new[] { i.KeyName }, _ => null,
        }).Where(i => ids.Count == 0 || ids.Contains(i.Id)).ToList();
        var start = int.TryParse(call.Query["NextToken"], out var offset) ? offset : 0;
        var size = call.Query.Int("MaxResults") ?? 1000;
        var page = found.Skip(start).Take(size).ToList();
        return new object?[]
        {
            Set("reservationSet", page.Select(i => new object?[] { E("reservationId", i.ReservationId), E("ownerId", i.Account), E("groupSet"), Set("instancesSet", new[] { InstanceXml(i) }) })),
            start + size < found.Count ? E("nextToken", (start + size).ToString()) : null,
        };
    }

    private IEnumerable<object?> StartInstances(Ec2Call call) => ChangeStates(call, instance =>
    {
        if (instance.State is "terminated" or "shutting-down") throw new Ec2Error(400, "IncorrectInstanceState", $"The instance '{instance.Id}' is not in a state from which it can be started.");
        if (instance.State is "stopped" or "stopping") (instance.State, instance.Polls) = ("pending", 0);
    });

    private IEnumerable<object?> TerminateInstances(Ec2Call call) => ChangeStates(call, instance =>
    {
        if (instance.State is "terminated" or "shutting-down") return;
        (instance.State, instance.Polls) = ("shutting-down", 0);
        var name = MachineName(instance);
        var booting = instance.Work;
        instance.Work = Task.Run(async () =>
        {
            try { await booting; } catch (Exception) { /* a failed boot leaves nothing more to stop than the destroy below */ }
            await backend.DestroyAsync(name, CancellationToken.None);
        });
    });

    private IEnumerable<object?> ChangeStates(Ec2Call call, Action<Ec2Instance> change)
    {
        var ids = call.Query.Strings("InstanceId");
        if (ids.Count == 0) throw new Ec2Error(400, "MissingParameter", "The request must contain the parameter InstanceId");
        var instances = ids.Select(id => Mine<Ec2Instance>(call).FirstOrDefault(i => i.Id == id && !i.Forgotten)
            ?? throw new Ec2Error(400, "InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist")).ToList();
        var changes = instances.Select(i =>
        {
            var before = i.State;
            change(i);
            return new object?[] { E("instanceId", i.Id), E("currentState", E("code", StateCodes[i.State]), E("name", i.State)), E("previousState", E("code", StateCodes[before]), E("name", before)) };
        }).ToList();
        return new object?[] { Set("instancesSet", changes) };
    }
}
