using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.CloudDoubles.Azure;

/// <summary>
/// Azure DNS record sets (A and AAAA) of the zones a test seeds: create-or-update with <c>If-None-Match: *</c> /
/// <c>If-Match: &lt;etag&gt;</c> (412 PreconditionFailed when the condition fails), delete with <c>If-Match</c>, list.
/// Record sets carry metadata instead of tags; the ledger records the metadata as the entry's tags.
/// </summary>
public sealed partial class ArmDouble
{
    /// <summary>Creates a DNS zone as its owner would have (MultiCloud never creates zones), with its resource group if needed.</summary>
    public void AddDnsZone(string subscriptionId, string resourceGroup, string zone)
    {
        lock (gate)
        {
            var subscription = subscriptions[subscriptionId];
            if (!subscription.Groups.TryGetValue(resourceGroup, out var group))
            {
                group = new ArmGroup { SubscriptionId = subscriptionId, Name = resourceGroup, Location = Catalog.Locations.First() };
                subscription.Groups[resourceGroup] = group;
                ledger.Put(new LedgerEntry(Name, "Microsoft.Resources/resourceGroups", group.Id, group.Tags));
            }
            var entity = new ArmEntity
            {
                Id = $"{group.Id}/providers/Microsoft.Network/dnszones/{zone}", SubscriptionId = subscriptionId, Group = group.Name,
                Type = DnsZoneType, Name = zone, Location = "global",
                Properties = new JsonObject { ["maxNumberOfRecordSets"] = 10000, ["nameServers"] = new JsonArray("ns1-01.azure-dns.com.", "ns2-01.azure-dns.net.") },
            };
            entities[entity.Id] = entity;
            ledger.Put(new LedgerEntry(Name, entity.Type, entity.Id, entity.Tags));
        }
    }

    private static bool IsRecordSet(ArmRoute route) =>
        route.Types.Count == 2 && string.Equals(route.Types[0], "dnsZones", StringComparison.OrdinalIgnoreCase);

    private static bool IsRecordSetType(string type) => type.StartsWith(DnsZoneType + "/", StringComparison.OrdinalIgnoreCase);

    private ArmReply RecordSet(ArmSubscription subscription, ArmRoute route, HttpRequest request, JsonNode? body)
    {
        var recordType = route.Types[1].ToUpperInvariant();
        if (recordType != "A" && recordType != "AAAA")
            return ArmReply.Error(400, "BadRequest", $"The record type '{route.Types[1]}' is not served by this double (A and AAAA only).");
        if (!subscription.Groups.TryGetValue(route.Group!, out var group)) return GroupNotFound(route.Group!);
        var zoneId = $"{group.Id}/providers/Microsoft.Network/dnszones/{route.Names[0]}";
        if (!entities.ContainsKey(zoneId))
            return ArmReply.Error(404, "ParentResourceNotFound", $"Can not perform requested operation on nested resource. Parent resource '{route.Names[0]}' not found.");
        var id = $"{zoneId}/{recordType}/{route.Names[1]}";
        entities.TryGetValue(id, out var existing);
        var ifMatch = request.Headers.IfMatch.ToString();
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch == "*" && existing != null && route.Method == "PUT")
            return ArmReply.Error(412, "PreconditionFailed", $"The Record set {route.Names[1]} exists already and hence cannot be created again.");
        if (ifMatch.Length > 0 && ifMatch != "*" && (existing is null || ifMatch.Trim('"') != existing.ETag))
            return ArmReply.Error(412, "PreconditionFailed", $"The condition '{ifMatch}' in the If-Match header was not satisfied. The current was '{existing?.ETag ?? "n/a"}'.");

        switch (route.Method)
        {
            case "GET":
                return existing is null
                    ? ArmReply.Error(404, "NotFound", $"The resource record '{route.Names[1]}' does not exist in resource group '{route.Group}' of subscription '{subscription.Id}'.")
                    : Answer(existing, 200);
            case "DELETE":
                if (existing is null) return ArmReply.NoContent();
                Forget(existing);
                return new ArmReply(200, null);
            case "PUT":
                if (RecordProperties(recordType, body?["properties"] as JsonObject, route.Names[1], route.Names[0]) is not { } properties)
                    return ArmReply.Error(400, "BadRequest", $"The {recordType} records of the record set are missing or not valid {(recordType == "A" ? "IPv4" : "IPv6")} addresses, or the TTL is not valid.");
                var set = existing ?? new ArmEntity { Id = id, SubscriptionId = subscription.Id, Group = group.Name, Type = $"{DnsZoneType}/{recordType}", Name = route.Names[1] };
                set.Properties = properties;
                set.Tags = ArmJson.ReadTags(properties["metadata"]);
                set.ETag = Guid.NewGuid().ToString();
                entities[id] = set;
                ledger.Put(new LedgerEntry(Name, set.Type, set.Id, set.Tags));
                return Answer(set, existing is null ? 201 : 200);
            default:
                return ArmReply.Error(405, "MethodNotAllowed", $"The method {route.Method} is not allowed on a record set.");
        }
    }

    private ArmReply ListRecordSets(ArmSubscription subscription, ArmRoute route)
    {
        if (!subscription.Groups.TryGetValue(route.Group!, out var group)) return GroupNotFound(route.Group!);
        var zoneId = $"{group.Id}/providers/Microsoft.Network/dnszones/{route.Names[0]}";
        if (!entities.ContainsKey(zoneId))
            return ArmReply.Error(404, "ResourceNotFound", $"The Resource 'Microsoft.Network/dnszones/{route.Names[0]}' under resource group '{route.Group}' was not found.");
        return ArmReply.List(entities.Values.Where(e => e.Id.StartsWith(zoneId + "/", StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.Id, StringComparer.OrdinalIgnoreCase).Select(e => (JsonNode)e.ToJson()));
    }

    private static ArmReply Answer(ArmEntity set, int status) =>
        new(status, set.ToJson(), new Dictionary<string, string> { ["ETag"] = set.ETag });

    /// <summary>The stored properties of a valid A/AAAA record set (TTL, the records of its type, metadata, fqdn); null when invalid.</summary>
    private static JsonObject? RecordProperties(string recordType, JsonObject? properties, string name, string zone)
    {
        if (properties is null || properties["TTL"] is not JsonValue ttlValue || !ttlValue.TryGetValue<long>(out var ttl) || ttl < 0 || ttl > int.MaxValue) return null;
        var (list, field, family) = recordType == "A" ? ("ARecords", "ipv4Address", AddressFamily.InterNetwork) : ("AAAARecords", "ipv6Address", AddressFamily.InterNetworkV6);
        if (properties[list] is not JsonArray records || records.Count == 0) return null;
        foreach (var record in records)
        {
            if (!IPAddress.TryParse(ArmJson.Text(record, field) ?? "", out var address) || address.AddressFamily != family) return null;
        }
        return new JsonObject
        {
            ["metadata"] = properties["metadata"]?.DeepClone() ?? new JsonObject(),
            ["TTL"] = ttl,
            ["fqdn"] = (name == "@" ? zone : name + "." + zone) + ".",
            [list] = records.DeepClone(),
        };
    }
}
