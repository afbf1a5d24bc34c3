using System.Text;
using System.Text.Json.Nodes;

namespace MultiCloud.CloudDoubles.Azure;

/// <summary>Generic resources by id: create-or-update as a long-running operation, tag patches, deletes that refuse what is still attached.</summary>
public sealed partial class ArmDouble
{
    internal const string VirtualMachineType = "Microsoft.Compute/virtualMachines";
    internal const string NetworkInterfaceType = "Microsoft.Network/networkInterfaces";
    internal const string PublicAddressType = "Microsoft.Network/publicIPAddresses";
    internal const string DiskType = "Microsoft.Compute/disks";
    internal const string NetworkType = "Microsoft.Network/virtualNetworks";
    internal const string SecurityGroupType = "Microsoft.Network/networkSecurityGroups";
    internal const string DnsZoneType = "Microsoft.Network/dnszones";

    /// <summary>The canonical id ARM answers with: the path as the resource was created, type names as the RP spells them.</summary>
    private static string IdOf(ArmSubscription subscription, ArmGroup group, ArmRoute route)
    {
        var id = new StringBuilder($"/subscriptions/{subscription.Id}/resourceGroups/{group.Name}/providers/{route.Namespace}");
        for (var i = 0; i < route.Types.Count; i++) id.Append('/').Append(route.Types[i]).Append('/').Append(route.Names[i]);
        return id.ToString();
    }

    private ArmEntity? Find(ArmSubscription subscription, ArmRoute route) =>
        subscription.Groups.TryGetValue(route.Group!, out var group) && entities.TryGetValue(IdOf(subscription, group, route), out var entity) ? entity : null;

    private static ArmReply ResourceNotFound(ArmSubscription subscription, ArmRoute route) =>
        !subscription.Groups.ContainsKey(route.Group!)
            ? GroupNotFound(route.Group!)
            : ArmReply.Error(404, "ResourceNotFound",
                $"The Resource '{route.ResourceType.Split('/')[0]}/{string.Join("/", route.Types.Zip(route.Names, (t, n) => t + "/" + n))}' under resource group '{route.Group}' was not found.");

    private ArmReply PutResource(ArmSubscription subscription, ArmRoute route, JsonNode? body, string origin, string version)
    {
        if (!subscription.Groups.TryGetValue(route.Group!, out var group) || group.State == "Deleting") return GroupNotFound(route.Group!);
        if (body is not JsonObject json) return ArmReply.Error(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized.");
        var type = route.ResourceType;
        var location = ArmJson.Text(json, "location");
        var global = string.Equals(type, DnsZoneType, StringComparison.OrdinalIgnoreCase);
        if (location is null) return ArmReply.Error(400, "LocationRequired", "The location property is required for this definition.");
        if (!global && !Catalog.Locations.Contains(location))
            return ArmReply.Error(400, "LocationNotAvailableForResourceType",
                $"The provided location '{location}' is not available for resource type '{type}'. List of available regions for the resource type is '{string.Join(",", Catalog.Locations)}'.");
        if (InvalidTags(json["tags"]) is { } tagError) return tagError;
        var id = IdOf(subscription, group, route);
        entities.TryGetValue(id, out var existing);
        var properties = json["properties"] as JsonObject ?? new JsonObject();
        if (Validate(subscription, type, id, json, properties, existing) is { } invalid) return invalid;

        var entity = existing ?? new ArmEntity
        {
            Id = id, SubscriptionId = subscription.Id, Group = group.Name, Type = CanonicalType(type), Name = route.Names[^1],
            Location = location.ToLowerInvariant(), State = "Creating",
        };
        var keep = existing?.Properties["ipAddress"]?.DeepClone();
        entity.Tags = ArmJson.ReadTags(json["tags"]);
        entity.Properties = (JsonObject)properties.DeepClone();
        entity.Properties.Remove("provisioningState");
        if (keep != null) entity.Properties["ipAddress"] = keep;
        entity.Sku = json["sku"]?.DeepClone();
        entity.Zones = json["zones"]?.DeepClone();
        entity.ETag = Guid.NewGuid().ToString();
        entities[id] = entity;
        ledger.Put(new LedgerEntry(Name, entity.Type, entity.Id, entity.Tags));

        var answer = entity.ToJson();
        answer["properties"]!["provisioningState"] = existing is null ? "Creating" : "Updating";
        var work = existing?.Pending ?? Create(entity);
        if (existing is null) entity.Pending = work;
        var operation = NewOperation(work, locationStyle: false);
        return new ArmReply(existing is null ? 201 : 200, answer, new Dictionary<string, string>
        {
            ["Azure-AsyncOperation"] = $"{origin}/subscriptions/{subscription.Id}/providers/{route.Namespace}/locations/{entity.Location}/operations/{operation.Id}?api-version={version}",
            ["Retry-After"] = "0",
        });
    }

    /// <summary>What a new resource does beyond being stored: a VM makes its OS disk and boots through the backend.</summary>
    private Task Create(ArmEntity entity)
    {
        if (!entity.IsA(VirtualMachineType))
        {
            entity.State = "Succeeded";
            return Task.CompletedTask;
        }
        var disk = new ArmEntity
        {
            Id = $"/subscriptions/{entity.SubscriptionId}/resourceGroups/{entity.Group}/providers/{DiskType}/{ArmJson.Text(entity.Properties, "storageProfile", "osDisk", "name")}",
            SubscriptionId = entity.SubscriptionId, Group = entity.Group, Type = DiskType, Location = entity.Location, ManagedBy = entity.Id,
            Name = ArmJson.Text(entity.Properties, "storageProfile", "osDisk", "name")!, Zones = entity.Zones?.DeepClone(),
            Properties = new JsonObject
            {
                ["osType"] = "Linux",
                ["diskSizeGB"] = entity.Properties["storageProfile"]?["osDisk"]?["diskSizeGB"]?.DeepClone() ?? Catalog.ImageDiskSizeGb,
                ["diskState"] = "Attached",
            },
        };
        entities[disk.Id] = disk;
        ledger.Put(new LedgerEntry(Name, disk.Type, disk.Id, disk.Tags));
        var userData = Encoding.UTF8.GetString(Convert.FromBase64String(ArmJson.Text(entity.Properties, "osProfile", "customData") ?? ""));
        var address = PublicAddressOf(entity);
        return Task.Run(async () =>
        {
            try
            {
                var booted = await backend.BootAsync(entity.Name, userData, CancellationToken.None);
                lock (gate)
                {
                    entity.State = "Succeeded";
                    if (address != null) address.Properties["ipAddress"] = booted.PublicAddress;
                }
            }
            catch
            {
                lock (gate) entity.State = "Failed";
                throw;
            }
        });
    }

    /// <summary>The public IP resource behind a VM's primary NIC, if any.</summary>
    private ArmEntity? PublicAddressOf(ArmEntity vm)
    {
        var nicId = ArmJson.Text(vm.Properties["networkProfile"]?["networkInterfaces"]?[0], "id");
        if (nicId is null || !entities.TryGetValue(nicId, out var nic)) return null;
        var ipId = ArmJson.Text(nic.Properties["ipConfigurations"]?[0], "properties", "publicIPAddress", "id");
        return ipId != null && entities.TryGetValue(ipId, out var ip) ? ip : null;
    }

    private ArmReply PatchResource(ArmSubscription subscription, ArmRoute route, JsonNode? body)
    {
        if (Find(subscription, route) is not { } entity) return ResourceNotFound(subscription, route);
        if (InvalidTags(body?["tags"]) is { } tagError) return tagError;
        if (body?["tags"] is JsonObject) entity.Tags = ArmJson.ReadTags(body["tags"]);
        entity.ETag = Guid.NewGuid().ToString();
        ledger.Put(new LedgerEntry(Name, entity.Type, entity.Id, entity.Tags));
        return ArmReply.Ok(entity.ToJson());
    }

    private ArmReply DeleteResource(ArmSubscription subscription, ArmRoute route, string origin, string version)
    {
        if (Find(subscription, route) is not { } entity) return ArmReply.NoContent();
        if (InUse(entity) is { } refused) return refused;
        var work = Task.CompletedTask;
        if (entity.IsA(VirtualMachineType))
        {
            entity.State = "Deleting";
            var cascade = Attached(entity).ToList();
            work = Task.Run(async () =>
            {
                await backend.DestroyAsync(entity.Name, CancellationToken.None);
                lock (gate)
                {
                    Forget(entity);
                    foreach (var attached in cascade) Forget(attached);
                }
            });
        }
        else
        {
            Forget(entity);
        }
        return Accepted(subscription, origin, version, work, $"/subscriptions/{subscription.Id}/providers/{route.Namespace}/locations/{entity.Location}/operationResults/");
    }

    /// <summary>The OS disk and NICs a VM delete takes with it (their deleteOption is Delete).</summary>
    private IEnumerable<ArmEntity> Attached(ArmEntity vm)
    {
        if (ArmJson.Text(vm.Properties, "storageProfile", "osDisk", "deleteOption") == "Delete")
        {
            foreach (var disk in entities.Values.Where(e => e.IsA(DiskType) && string.Equals(e.ManagedBy, vm.Id, StringComparison.OrdinalIgnoreCase))) yield return disk;
        }
        foreach (var reference in vm.Properties["networkProfile"]?["networkInterfaces"]?.AsArray() ?? new JsonArray())
        {
            if (ArmJson.Text(reference, "properties", "deleteOption") == "Delete" && ArmJson.Text(reference, "id") is { } nicId && entities.TryGetValue(nicId, out var nic))
                yield return nic;
        }
    }

    /// <summary>Azure refuses to delete a NIC a VM uses, a public IP or security group a NIC uses, a disk attached to a VM, a network with NICs in it.</summary>
    private ArmReply? InUse(ArmEntity entity)
    {
        bool References(ArmEntity user, params string[] path) => string.Equals(ArmJson.Text(user.Properties, path), entity.Id, StringComparison.OrdinalIgnoreCase);
        var nics = entities.Values.Where(e => e.IsA(NetworkInterfaceType)).ToList();
        if (entity.IsA(NetworkInterfaceType) && entities.Values.FirstOrDefault(vm => vm.IsA(VirtualMachineType)
                && (vm.Properties["networkProfile"]?["networkInterfaces"]?.AsArray() ?? new JsonArray()).Any(n => string.Equals(ArmJson.Text(n, "id"), entity.Id, StringComparison.OrdinalIgnoreCase))) is { } user)
            return ArmReply.Error(400, "NicInUse", $"Network Interface {entity.Id} is used by existing resource {user.Id}. In order to delete the network interface, it must be dissociated from the resource.");
        if (entity.IsA(PublicAddressType) && nics.FirstOrDefault(n => string.Equals(ArmJson.Text(n.Properties["ipConfigurations"]?[0], "properties", "publicIPAddress", "id"), entity.Id, StringComparison.OrdinalIgnoreCase)) is { } nic)
            return ArmReply.Error(400, "PublicIPAddressCannotBeDeleted", $"Public IP address {entity.Id} can not be deleted since it is still allocated to resource {nic.Id}/ipConfigurations/primary.");
        if (entity.IsA(SecurityGroupType) && nics.FirstOrDefault(n => References(n, "networkSecurityGroup", "id")) is { } guarded)
            return ArmReply.Error(400, "InUseNetworkSecurityGroupCannotBeDeleted", $"Network security group {entity.Id} cannot be deleted because it is in use by the following resources: {guarded.Id}.");
        if (entity.IsA(NetworkType) && nics.FirstOrDefault(n => (ArmJson.Text(n.Properties["ipConfigurations"]?[0], "properties", "subnet", "id") ?? "").StartsWith(entity.Id + "/", StringComparison.OrdinalIgnoreCase)) is { } inside)
            return ArmReply.Error(400, "InUseSubnetCannotBeDeleted", $"Subnet of {entity.Id} is in use by {inside.Id} and cannot be deleted.");
        if (entity.IsA(DiskType) && entity.ManagedBy != null && entities.ContainsKey(entity.ManagedBy))
            return ArmReply.Error(409, "OperationNotAllowed", $"Disk {entity.Name} is attached to VM {entity.ManagedBy}.");
        return null;
    }

    private static string CanonicalType(string type) => type.ToLowerInvariant() switch
    {
        "microsoft.compute/virtualmachines" => VirtualMachineType,
        "microsoft.network/networkinterfaces" => NetworkInterfaceType,
        "microsoft.network/publicipaddresses" => PublicAddressType,
        "microsoft.compute/disks" => DiskType,
        "microsoft.network/virtualnetworks" => NetworkType,
        "microsoft.network/networksecuritygroups" => SecurityGroupType,
        "microsoft.network/dnszones" => DnsZoneType,
        _ => type,
    };
}
