using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>ListResourceRecordSets as Route53 pages it: names in reversed-label order ("com.example.k8s"), then type.</summary>
internal static class Route53Lists
{
    private static readonly XNamespace Ns = Route53Double.Ns;

    public static string Reversed(string name) => string.Join('.', name.TrimEnd('.').Split('.').Reverse());

    public static XDocument RecordSets(Route53Zone zone, IQueryCollection query)
    {
        var name = query["name"].ToString();
        var type = query["type"].ToString();
        if (type.Length > 0 && name.Length == 0) throw new Route53Error(400, "InvalidInput", "The input is not valid: type requires name");
        var max = int.TryParse(query["maxitems"], out var m) ? Math.Clamp(m, 1, 300) : 300;
        var ordered = zone.Sets.Values.OrderBy(s => Reversed(s.Name), StringComparer.Ordinal).ThenBy(s => s.Type, StringComparer.Ordinal).ToList();
        var start = name.Length == 0 ? 0 : ordered.FindIndex(s =>
        {
            var byName = string.CompareOrdinal(Reversed(s.Name), Reversed(Route53Double.Fqdn(name)));
            return byName > 0 || (byName == 0 && string.CompareOrdinal(s.Type, type) >= 0);
        });
        var rest = start < 0 ? new List<Route53Set>() : ordered.Skip(start).ToList();
        var page = rest.Take(max).ToList();
        var next = rest.Count > max ? rest[max] : null;
        return new XDocument(new XElement(Ns + "ListResourceRecordSetsResponse",
            new XElement(Ns + "ResourceRecordSets", page.Select(s => new XElement(Ns + "ResourceRecordSet",
                new XElement(Ns + "Name", s.Name), new XElement(Ns + "Type", s.Type), new XElement(Ns + "TTL", s.Ttl),
                new XElement(Ns + "ResourceRecords", s.Values.Select(v => new XElement(Ns + "ResourceRecord", new XElement(Ns + "Value", v))))))),
            new XElement(Ns + "IsTruncated", next is null ? "false" : "true"),
            next is null ? null : new XElement(Ns + "NextRecordName", next.Name),
            next is null ? null : new XElement(Ns + "NextRecordType", next.Type),
            new XElement(Ns + "MaxItems", max)));
    }
}
