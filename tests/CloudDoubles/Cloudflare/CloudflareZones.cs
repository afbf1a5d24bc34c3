using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.CloudDoubles.Cloudflare;

/// <summary>One DNS record of the double.</summary>
public sealed record CloudflareRecord(string Id, string ZoneId, string Type, string Name, string Content, int Ttl, bool Proxied, string Comment)
{
    public JsonObject Json(string zoneName) => new()
    {
        ["id"] = Id, ["zone_id"] = ZoneId, ["zone_name"] = zoneName, ["name"] = Name, ["type"] = Type, ["content"] = Content,
        ["proxiable"] = true, ["proxied"] = Proxied, ["ttl"] = Ttl, ["comment"] = Comment, ["tags"] = new JsonArray(),
        ["created_on"] = DateTimeOffset.UtcNow.ToString("o"), ["modified_on"] = DateTimeOffset.UtcNow.ToString("o"),
    };
}

/// <summary>
/// The zones of the double's account and their records. Records are in the <see cref="ResourceLedger"/> (api
/// "cloudflare", type "dns_record") with the cluster id read from their comment as the ownership tag.
/// </summary>
public sealed class CloudflareZones
{
    private const int CommentLimit = 100;
    private readonly object gate = new();
    private readonly ResourceLedger ledger;
    private readonly Dictionary<string, string> zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CloudflareRecord> records = new(StringComparer.Ordinal);

    public CloudflareZones(ResourceLedger ledger, IEnumerable<string> zoneNames)
    {
        this.ledger = ledger;
        foreach (var name in zoneNames) zones[Guid.NewGuid().ToString("N")] = name;
    }

    /// <summary>Records of a zone, as a test sees them.</summary>
    public IReadOnlyList<CloudflareRecord> RecordsOf(string zoneName)
    {
        lock (gate) return records.Values.Where(r => zones[r.ZoneId] == zoneName).OrderBy(r => r.Name).ThenBy(r => r.Content).ToList();
    }

    /// <summary>Adds a record another owner made (no MultiCloud comment), for ownership tests.</summary>
    public void AddForeign(string zoneName, string type, string fqdn, string content)
    {
        lock (gate) Put(new CloudflareRecord(NewId(), zones.Single(z => z.Value == zoneName).Key, type, fqdn, content, 300, false, "made by hand"));
    }

    public IResult ListZones(IQueryCollection query)
    {
        lock (gate)
        {
            var found = zones.Where(z => !query.ContainsKey("name") || z.Value == query["name"].ToString())
                .Select(z => (JsonNode)new JsonObject { ["id"] = z.Key, ["name"] = z.Value, ["status"] = "active", ["paused"] = false, ["type"] = "full" }).ToArray();
            return CloudflareDouble.Success(200, new JsonArray(found), Info(1, 50, found.Length, found.Length));
        }
    }

    public IResult ListRecords(string zoneId, IQueryCollection query)
    {
        lock (gate)
        {
            if (!zones.ContainsKey(zoneId)) return CloudflareDouble.Error(404, 7003, "Could not route to /zones/" + zoneId + "/dns_records, perhaps your object identifier is invalid?");
            var name = query["name"].ToString();
            var type = query["type"].ToString();
            var all = records.Values.Where(r => r.ZoneId == zoneId && (name.Length == 0 || string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) && (type.Length == 0 || r.Type == type))
                .OrderBy(r => r.Name).ThenBy(r => r.Id).ToList();
            var page = int.TryParse(query["page"], out var p) && p > 0 ? p : 1;
            var perPage = int.TryParse(query["per_page"], out var pp) && pp > 0 ? Math.Min(pp, 5000) : 100;
            var items = all.Skip((page - 1) * perPage).Take(perPage).Select(r => (JsonNode)r.Json(zones[zoneId])).ToArray();
            return CloudflareDouble.Success(200, new JsonArray(items), Info(page, perPage, items.Length, all.Count));
        }
    }

    public IResult CreateRecord(string zoneId, JsonObject? body)
    {
        lock (gate)
        {
            if (!zones.TryGetValue(zoneId, out var zoneName)) return CloudflareDouble.Error(404, 7003, "Could not route to /zones/" + zoneId + "/dns_records");
            if (body is null) return CloudflareDouble.Error(400, 9207, "Request body is invalid.");
            var type = ApiJson.Text(body, "type") ?? "";
            var name = (ApiJson.Text(body, "name") ?? "").TrimEnd('.');
            var content = ApiJson.Text(body, "content") ?? "";
            var ttl = body["ttl"]?.GetValue<int>() ?? 1;
            var comment = ApiJson.Text(body, "comment") ?? "";
            if (Problem(zoneName, type, name, content, ttl, comment) is { } problem) return problem;
            if (records.Values.Any(r => r.ZoneId == zoneId && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase) && r.Type == type && r.Content == content))
                return CloudflareDouble.Error(400, 81058, "An identical record already exists.");
            if (records.Values.Any(r => r.ZoneId == zoneId && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase) && r.Type == "CNAME"))
                return CloudflareDouble.Error(400, 81053, "An A, AAAA, or CNAME record with that host already exists.");
            var record = new CloudflareRecord(NewId(), zoneId, type, name.ToLowerInvariant(), content, ttl, body["proxied"]?.GetValue<bool>() ?? false, comment);
            Put(record);
            return CloudflareDouble.Success(200, record.Json(zoneName));
        }
    }

    public IResult PatchRecord(string zoneId, string id, JsonObject? body)
    {
        lock (gate)
        {
            if (!records.TryGetValue(id, out var record) || record.ZoneId != zoneId) return CloudflareDouble.Error(404, 81044, "Record does not exist.");
            if (body is null) return CloudflareDouble.Error(400, 9207, "Request body is invalid.");
            var ttl = body["ttl"]?.GetValue<int>() ?? record.Ttl;
            var comment = ApiJson.Text(body, "comment") ?? record.Comment;
            if (Problem(zones[zoneId], record.Type, record.Name, record.Content, ttl, comment) is { } problem) return problem;
            var changed = record with { Ttl = ttl, Comment = comment };
            Put(changed);
            return CloudflareDouble.Success(200, changed.Json(zones[zoneId]));
        }
    }

    public IResult DeleteRecord(string zoneId, string id)
    {
        lock (gate)
        {
            if (!records.TryGetValue(id, out var record) || record.ZoneId != zoneId) return CloudflareDouble.Error(404, 81044, "Record does not exist.");
            records.Remove(id);
            ledger.Remove("cloudflare", id);
            return CloudflareDouble.Success(200, new JsonObject { ["id"] = id });
        }
    }

    /// <summary>What the API refuses for A/AAAA records: a name outside the zone, content of the wrong family, a TTL out of range, a long comment.</summary>
    private static IResult? Problem(string zoneName, string type, string name, string content, int ttl, string comment)
    {
        if (type != "A" && type != "AAAA") return CloudflareDouble.Error(400, 9005, "This double keeps A and AAAA records only.");
        if (!(name == zoneName || name.EndsWith("." + zoneName, StringComparison.OrdinalIgnoreCase))) return CloudflareDouble.Error(400, 9009, "Record name must be within the zone.");
        var family = type == "A" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        if (!IPAddress.TryParse(content, out var address) || address.AddressFamily != family)
            return CloudflareDouble.Error(400, 9006, type == "A" ? "Content for A record must be a valid IPv4 address." : "Content for AAAA record must be a valid IPv6 address.");
        if (ttl != 1 && (ttl < 60 || ttl > 86400)) return CloudflareDouble.Error(400, 9021, "Invalid TTL. Must be between 60 and 86400, or 1 for automatic.");
        if (comment.Length > CommentLimit) return CloudflareDouble.Error(400, 9100, "DNS record comment is too long.");
        return null;
    }

    private void Put(CloudflareRecord record)
    {
        records[record.Id] = record;
        var tags = new Dictionary<string, string> { ["name"] = record.Name, ["content"] = record.Content };
        const string marker = "multicloud-cluster-id=";
        var at = record.Comment.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0) tags["multicloud-cluster-id"] = new string(record.Comment.Substring(at + marker.Length).TakeWhile(char.IsLetterOrDigit).ToArray());
        ledger.Put(new LedgerEntry("cloudflare", "dns_record", record.Id, tags));
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static JsonObject Info(int page, int perPage, int count, int total) => new()
    {
        ["page"] = page, ["per_page"] = perPage, ["count"] = count, ["total_count"] = total,
        ["total_pages"] = Math.Max(1, (total + perPage - 1) / perPage),
    };
}
