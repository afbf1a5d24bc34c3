using System.Text.Json.Nodes;

namespace MultiCloud.CloudDoubles.Azure;

/// <summary>
/// What ARM and its resource providers refuse in a create-or-update, per resource type: unknown sizes and images,
/// reserved admin users, bad custom data, dangling references, a NIC or public IP used twice, the regional core quota.
/// </summary>
public sealed partial class ArmDouble
{
    private static readonly HashSet<string> ReservedAdminUsers = new(StringComparer.OrdinalIgnoreCase)
    {
        "administrator", "admin", "user", "user1", "test", "user2", "test1", "user3", "admin1", "1", "123", "a", "actuser", "adm", "admin2",
        "aspnet", "backup", "console", "david", "guest", "john", "owner", "root", "server", "sql", "support", "support_388945a0", "sys",
        "test2", "test3", "user4", "user5",
    };

    private ArmReply? Validate(ArmSubscription subscription, string type, string id, JsonObject json, JsonObject properties, ArmEntity? existing) =>
        CanonicalType(type) switch
        {
            VirtualMachineType => ValidateMachine(subscription, id, json, properties, existing),
            NetworkInterfaceType => ValidateInterface(id, properties),
            PublicAddressType => string.Equals(ArmJson.Text(json, "sku", "name"), "Standard", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(ArmJson.Text(properties, "publicIPAllocationMethod"), "Static", StringComparison.OrdinalIgnoreCase)
                    ? ArmReply.Error(400, "StandardSkuPublicIPAddressesCanOnlyBeStatic", "Standard sku public IP addresses support only static allocation method.")
                    : null,
            SecurityGroupType => ValidateRules(properties),
            NetworkType => (properties["addressSpace"]?["addressPrefixes"] as JsonArray)?.Count > 0
                ? null
                : ArmReply.Error(400, "InvalidAddressSpace", "The virtual network must have at least one address prefix in addressSpace.addressPrefixes."),
            _ => null,
        };

    private ArmReply? ValidateMachine(ArmSubscription subscription, string id, JsonObject json, JsonObject properties, ArmEntity? existing)
    {
        var location = ArmJson.Text(json, "location")!;
        var sizeName = ArmJson.Text(properties, "hardwareProfile", "vmSize") ?? "";
        if (!Catalog.Sizes.TryGetValue(sizeName, out var size))
            return ArmReply.InvalidParameter($"The value {sizeName} provided for the VM size is not valid. The valid sizes in the current region are: {string.Join(",", Catalog.Sizes.Keys)}.", "vmSize");
        if (Catalog.IsRestricted(location, sizeName))
            return ArmReply.Error(409, "SkuNotAvailable", $"The requested VM size for resource '{id}' is currently not available in location '{location}'. Please try another size or deploy to a different location or different zone.");
        foreach (var zone in (json["zones"] as JsonArray ?? new JsonArray()).Select(z => z?.ToString() ?? ""))
        {
            if (!size.Zones.Contains(zone)) return ArmReply.InvalidParameter($"The requested zone '{zone}' is not available for VM size {sizeName} in location '{location}'.", "zones");
        }
        var image = properties["storageProfile"]?["imageReference"];
        string Part(string name) => ArmJson.Text(image, name) ?? "";
        if (!Catalog.HasImage(Part("publisher"), Part("offer"), Part("sku"), Part("version")))
            return ArmReply.InvalidParameter($"The following list of images referenced from the deployment template are not found: Publisher: {Part("publisher")}, Offer: {Part("offer")}, Sku: {Part("sku")}, Version: {Part("version")}", "imageReference");
        if (properties["storageProfile"]?["osDisk"]?["diskSizeGB"] is JsonValue diskSize && diskSize.GetValue<int>() < Catalog.ImageDiskSizeGb)
            return ArmReply.InvalidParameter($"The specified disk size {diskSize} GB is smaller than the size of the corresponding disk in the VM image: {Catalog.ImageDiskSizeGb} GB.", "osDisk.diskSizeGB");
        if (ArmJson.Text(properties, "storageProfile", "osDisk", "name") is null)
            return ArmReply.InvalidParameter("Required parameter 'osDisk.name' is missing (null).", "osDisk.name");
        if (ValidateOsProfile(properties["osProfile"], existing) is { } osError) return osError;
        if (ValidateInterfaces(id, properties) is { } nicError) return nicError;
        if (existing is null) return CheckQuota(subscription, location, size);
        return null;
    }

    private static ArmReply? ValidateOsProfile(JsonNode? os, ArmEntity? existing)
    {
        var admin = ArmJson.Text(os, "adminUsername") ?? "";
        if (admin.Length == 0 || ReservedAdminUsers.Contains(admin))
            return ArmReply.InvalidParameter("The Admin Username specified is not allowed.", "adminUsername");
        var customData = ArmJson.Text(os, "customData") ?? "";
        if (customData.Length > 87380 || !IsBase64(customData))
            return ArmReply.InvalidParameter("Custom data in OSProfile must be in Base64 encoding and with a maximum length of 87380 characters.", "customData");
        if (os?["linuxConfiguration"]?["disablePasswordAuthentication"]?.GetValue<bool>() == true)
        {
            var keys = os["linuxConfiguration"]?["ssh"]?["publicKeys"] as JsonArray;
            if (keys is null || keys.Count == 0)
                return ArmReply.InvalidParameter("Authentication using either SSH or by user name and password must be enabled in Linux profile.", "linuxConfiguration");
            foreach (var key in keys)
            {
                if (ArmJson.Text(key, "path") != $"/home/{admin}/.ssh/authorized_keys")
                    return ArmReply.InvalidParameter($"Destination path for SSH public keys is currently limited to its default value /home/{admin}/.ssh/authorized_keys due to a known issue in Linux provisioning agent.", "linuxConfiguration.ssh.publicKeys.path");
                var data = ArmJson.Text(key, "keyData") ?? "";
                if (!data.StartsWith("ssh-rsa ", StringComparison.Ordinal) && !data.StartsWith("ssh-ed25519 ", StringComparison.Ordinal) && !data.StartsWith("ecdsa-sha2-", StringComparison.Ordinal))
                    return ArmReply.InvalidParameter("The value of parameter linuxConfiguration.ssh.publicKeys.keyData is invalid.", "linuxConfiguration.ssh.publicKeys.keyData");
            }
        }
        if (existing != null)
        {
            foreach (var field in new[] { "adminUsername", "customData", "computerName" })
            {
                if (ArmJson.Text(existing.Properties["osProfile"], field) != ArmJson.Text(os, field))
                    return ArmReply.Error(409, "PropertyChangeNotAllowed", $"Changing property 'osProfile.{field}' is not allowed.", "osProfile." + field);
            }
        }
        return null;
    }

    private ArmReply? ValidateInterfaces(string vmId, JsonObject properties)
    {
        var references = properties["networkProfile"]?["networkInterfaces"] as JsonArray;
        if (references is null || references.Count == 0)
            return ArmReply.InvalidParameter("The VM must have at least one network interface.", "networkProfile.networkInterfaces");
        foreach (var reference in references)
        {
            var nicId = ArmJson.Text(reference, "id") ?? "";
            if (!entities.TryGetValue(nicId, out var nic) || !nic.IsA(NetworkInterfaceType)) return Dangling(nicId, vmId);
            var user = entities.Values.FirstOrDefault(vm => vm.IsA(VirtualMachineType) && !string.Equals(vm.Id, vmId, StringComparison.OrdinalIgnoreCase)
                && (vm.Properties["networkProfile"]?["networkInterfaces"]?.AsArray() ?? new JsonArray()).Any(n => string.Equals(ArmJson.Text(n, "id"), nicId, StringComparison.OrdinalIgnoreCase)));
            if (user != null) return ArmReply.Error(400, "NicInUse", $"Network Interface {nicId} is used by existing resource {user.Id}.");
        }
        return null;
    }

    private ArmReply? CheckQuota(ArmSubscription subscription, string location, VmSize size)
    {
        var used = entities.Values
            .Where(e => e.SubscriptionId == subscription.Id && e.IsA(VirtualMachineType) && e.State != "Deleting" && string.Equals(e.Location, location, StringComparison.OrdinalIgnoreCase))
            .Sum(e => Catalog.Sizes.TryGetValue(ArmJson.Text(e.Properties, "hardwareProfile", "vmSize") ?? "", out var s) ? s.Cores : 0);
        return used + size.Cores <= subscription.CoreQuota ? null : ArmReply.Error(409, "OperationNotAllowed",
            $"Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Location: {location}, Current Limit: {subscription.CoreQuota}, Current Usage: {used}, Additional Required: {size.Cores}, (Minimum) New Limit Required: {used + size.Cores}.");
    }

    private ArmReply? ValidateInterface(string id, JsonObject properties)
    {
        var configurations = properties["ipConfigurations"] as JsonArray;
        if (configurations is null || configurations.Count == 0)
            return ArmReply.Error(400, "NetworkInterfaceMustHaveIpConfiguration", $"Network interface {id} must have at least one IP configuration.");
        foreach (var configuration in configurations)
        {
            var subnetId = ArmJson.Text(configuration, "properties", "subnet", "id") ?? "";
            var cut = subnetId.IndexOf("/subnets/", StringComparison.OrdinalIgnoreCase);
            if (cut < 0 || !entities.TryGetValue(subnetId[..cut], out var network)
                || !(network.Properties["subnets"] as JsonArray ?? new JsonArray()).Any(s => string.Equals(ArmJson.Text(s, "name"), subnetId[(cut + 9)..], StringComparison.OrdinalIgnoreCase)))
                return Dangling(subnetId, id);
            if (ArmJson.Text(configuration, "properties", "publicIPAddress", "id") is { } ipId)
            {
                if (!entities.ContainsKey(ipId)) return Dangling(ipId, id);
                var other = entities.Values.FirstOrDefault(n => n.IsA(NetworkInterfaceType) && !string.Equals(n.Id, id, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(ArmJson.Text(n.Properties["ipConfigurations"]?[0], "properties", "publicIPAddress", "id"), ipId, StringComparison.OrdinalIgnoreCase));
                if (other != null) return ArmReply.Error(400, "PublicIPAddressInUse", $"Resource {ipId} is referenced by resource {other.Id}; a public IP address can be used by one IP configuration only.");
            }
        }
        if (ArmJson.Text(properties, "networkSecurityGroup", "id") is { } groupId && !entities.ContainsKey(groupId)) return Dangling(groupId, id);
        return null;
    }

    private static ArmReply? ValidateRules(JsonObject properties)
    {
        var seen = new HashSet<(int, string)>();
        foreach (var rule in properties["securityRules"] as JsonArray ?? new JsonArray())
        {
            var name = ArmJson.Text(rule, "name") ?? "";
            var p = rule?["properties"];
            var priority = p?["priority"] is JsonValue value && value.TryGetValue<int>(out var number) ? number : -1;
            var direction = ArmJson.Text(p, "direction") ?? "";
            if (priority < 100 || priority > 4096)
                return ArmReply.Error(400, "SecurityRuleInvalidPriority", $"Security rule {name} has invalid priority {priority}. Value provided: {priority} Allowed range 100-4096.");
            if (direction != "Inbound" && direction != "Outbound")
                return ArmReply.Error(400, "SecurityRuleInvalidDirection", $"Security rule {name} has invalid direction '{direction}'.");
            if (!seen.Add((priority, direction)))
                return ArmReply.Error(400, "SecurityRulesWithSamePriorityAndDirection", $"Security rule {name} conflicts with another rule: rules cannot have the same priority and direction.");
            if (!new[] { "Tcp", "Udp", "Icmp", "Esp", "Ah", "*" }.Contains(ArmJson.Text(p, "protocol")))
                return ArmReply.Error(400, "SecurityRuleInvalidProtocol", $"Security rule {name} has invalid protocol.");
            if (ArmJson.Text(p, "sourceAddressPrefix") is null && (p?["sourceAddressPrefixes"] as JsonArray)?.Count is null or 0)
                return ArmReply.Error(400, "SecurityRuleInvalidAddressPrefix", $"Security rule {name} has no source address prefix.");
        }
        return null;
    }

    private static ArmReply Dangling(string referenced, string by) => ArmReply.Error(400, "InvalidResourceReference",
        $"Resource {referenced} referenced by resource {by} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.");

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
