using System.Xml;
using System.Xml.Linq;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>
/// ChangeResourceRecordSets' rules: a batch applies as a whole or not at all; CREATE of an existing set, DELETE of a
/// missing set or of one whose TTL or values differ from the current ones, names outside the zone, malformed
/// addresses and unquoted TXT strings are refused, each with Route53's own message.
/// </summary>
internal static class Route53Changes
{
    private static readonly XNamespace Ns = Route53Double.Ns;
    private static readonly string[] Types = { "A", "AAAA", "TXT", "CNAME", "MX", "NS", "SOA", "SRV", "CAA", "PTR" };

    public static (Dictionary<(string Name, string Type), Route53Set> Sets, List<string> Errors) Apply(Route53Zone zone, byte[] body)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(body));
        }
        catch (XmlException e)
        {
            throw new Route53Error(400, "InvalidInput", "Could not parse the request body: " + e.Message);
        }
        if (document.Root?.Name != Ns + "ChangeResourceRecordSetsRequest") throw new Route53Error(400, "InvalidInput", "Expected a ChangeResourceRecordSetsRequest in the 2013-04-01 namespace");
        var changes = document.Root.Element(Ns + "ChangeBatch")?.Element(Ns + "Changes")?.Elements(Ns + "Change").ToList() ?? new List<XElement>();
        if (changes.Count == 0) throw new Route53Error(400, "InvalidInput", "1 validation error detected: Value null at 'changeBatch.changes' failed to satisfy constraint: Member must not be null");
        var sets = new Dictionary<(string, string), Route53Set>(zone.Sets);
        var errors = new List<string>();
        foreach (var change in changes)
        {
            var action = change.Element(Ns + "Action")?.Value ?? "";
            var set = Read(change.Element(Ns + "ResourceRecordSet"));
            var what = $"[name='{set.Name}', type='{set.Type}']";
            var problem = Validate(zone, set);
            if (problem != null)
            {
                errors.Add(problem);
                continue;
            }
            sets.TryGetValue((set.Name, set.Type), out var current);
            switch (action)
            {
                case "CREATE" when current != null:
                    errors.Add($"Tried to create resource record set {what} but it already exists");
                    break;
                case "CREATE" or "UPSERT":
                    sets[(set.Name, set.Type)] = set;
                    break;
                case "DELETE" when current is null:
                    errors.Add($"Tried to delete resource record set {what} but it was not found");
                    break;
                case "DELETE" when current.Ttl != set.Ttl || !current.Values.OrderBy(v => v).SequenceEqual(set.Values.OrderBy(v => v)):
                    errors.Add($"Tried to delete resource record set {what} but the values provided do not match the current values");
                    break;
                case "DELETE":
                    sets.Remove((set.Name, set.Type));
                    break;
                default:
                    errors.Add($"Invalid action '{action}': expected CREATE, DELETE or UPSERT");
                    break;
            }
        }
        return (sets, errors);
    }

    private static Route53Set Read(XElement? set) => new(
        Route53Double.Fqdn(set?.Element(Ns + "Name")?.Value ?? ""),
        set?.Element(Ns + "Type")?.Value ?? "",
        long.TryParse(set?.Element(Ns + "TTL")?.Value, out var ttl) ? ttl : -1,
        set?.Element(Ns + "ResourceRecords")?.Elements(Ns + "ResourceRecord").Select(r => r.Element(Ns + "Value")?.Value ?? "").ToList() ?? new List<string>());

    private static string? Validate(Route53Zone zone, Route53Set set)
    {
        if (set.Name != zone.Name && !set.Name.EndsWith("." + zone.Name, StringComparison.Ordinal))
            return $"RRSet with DNS name {set.Name} is not permitted in zone {zone.Name}";
        if (!Types.Contains(set.Type)) return $"Invalid type '{set.Type}'";
        if (set.Ttl < 0 || set.Ttl > int.MaxValue) return $"Invalid Resource Record: TTL of {set.Name} is missing or out of range";
        if (set.Values.Count == 0) return $"Invalid Resource Record: {set.Name} ({set.Type}) has no ResourceRecords";
        foreach (var value in set.Values)
        {
            if (set.Type == "A" && !Route53Double.IsAddress(value, v6: false)) return $"ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '{value}'";
            if (set.Type == "AAAA" && !Route53Double.IsAddress(value, v6: true)) return $"AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '{value}'";
            if (set.Type == "TXT" && !(value.Length >= 2 && value.StartsWith('"') && value.EndsWith('"')))
                return "Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '" + value + "''";
        }
        return null;
    }
}
