using System.Text.Json.Nodes;

namespace MultiCloud.CloudDoubles.Azure;

/// <summary>A subscription of the ARM double: its tenant, the service principals allowed in it, its resource groups and core quota.</summary>
internal sealed class ArmSubscription
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public HashSet<string> AllowedClients { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, ArmGroup> Groups { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>vCPUs this subscription may run per region (Azure's "Total Regional vCPUs" quota).</summary>
    public int CoreQuota { get; set; } = 100;

    public int ReadsLeft { get; set; } = 12000;
    public int WritesLeft { get; set; } = 1200;

    public string ResourceId => "/subscriptions/" + Id;
}

internal sealed class ArmGroup
{
    public required string SubscriptionId { get; init; }
    public required string Name { get; init; }
    public required string Location { get; init; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public string State { get; set; } = "Succeeded";

    public string Id => $"/subscriptions/{SubscriptionId}/resourceGroups/{Name}";

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["type"] = "Microsoft.Resources/resourceGroups",
        ["location"] = Location,
        ["tags"] = ArmJson.Tags(Tags),
        ["properties"] = new JsonObject { ["provisioningState"] = State },
    };
}

/// <summary>One resource (VM, NIC, public IP, disk, network, security group, DNS zone or record set) as ARM stores it.</summary>
internal sealed class ArmEntity
{
    public required string Id { get; init; }
    public required string SubscriptionId { get; init; }
    public required string Group { get; init; }
    public required string Type { get; init; }
    public required string Name { get; init; }
    public string? Location { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
    public JsonObject Properties { get; set; } = new();
    public JsonNode? Sku { get; set; }
    public JsonNode? Zones { get; set; }
    public string? ManagedBy { get; set; }
    public string ETag { get; set; } = Guid.NewGuid().ToString();
    public string State { get; set; } = "Succeeded";

    /// <summary>The work of the running create (a VM's boot); a PUT during it answers with the same operation.</summary>
    public Task? Pending { get; set; }

    public bool IsA(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    public JsonObject ToJson(bool withProperties = true)
    {
        var json = new JsonObject { ["id"] = Id, ["name"] = Name, ["type"] = Type };
        if (Location != null) json["location"] = Location;
        if (!Type.StartsWith("Microsoft.Network/dnszones/", StringComparison.OrdinalIgnoreCase)) json["tags"] = ArmJson.Tags(Tags);
        json["etag"] = Type.Contains("dnszones", StringComparison.OrdinalIgnoreCase) ? ETag : $"W/\"{ETag}\"";
        if (Sku != null) json["sku"] = Sku.DeepClone();
        if (Zones != null) json["zones"] = Zones.DeepClone();
        if (ManagedBy != null) json["managedBy"] = ManagedBy;
        if (withProperties)
        {
            var properties = (JsonObject)Properties.DeepClone();
            properties["provisioningState"] = State;
            json["properties"] = properties;
        }
        return json;
    }
}

/// <summary>A long-running operation: done when its work is done and it has been polled at least the configured number of times.</summary>
internal sealed class ArmOperation
{
    public required string Id { get; init; }
    public required Task Work { get; init; }
    public int PollsLeft { get; set; }

    /// <summary>A Location-style operation (deletes) answers 202 while running and 200 at the end; an Azure-AsyncOperation one answers a status document.</summary>
    public bool LocationStyle { get; init; }
}

internal static class ArmJson
{
    public static JsonObject Tags(IReadOnlyDictionary<string, string> tags)
    {
        var json = new JsonObject();
        foreach (var tag in tags.OrderBy(t => t.Key, StringComparer.Ordinal)) json[tag.Key] = tag.Value;
        return json;
    }

    public static Dictionary<string, string> ReadTags(JsonNode? node)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject json)
        {
            foreach (var tag in json) tags[tag.Key] = tag.Value?.ToString() ?? "";
        }
        return tags;
    }

    public static string? Text(JsonNode? node, params string[] path)
    {
        foreach (var step in path) node = node?[step];
        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
