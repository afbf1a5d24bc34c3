using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>One Route53 resource record set as listed: name (fully qualified, with the trailing dot), type, TTL and values.</summary>
    internal sealed record Route53RecordSet(string Name, string Type, int Ttl, IReadOnlyList<string> Values);

    /// <summary>
    /// Names, ownership and the XML of record sets. Route53 records carry no tags, so ownership is a companion TXT record
    /// at the same name holding <c>"multicloud-cluster-id=&lt;id&gt;"</c> (one value among any others the name's TXT set has).
    /// </summary>
    internal static class Route53Records
    {
        public const string OwnerPrefix = ResourceTags.ClusterId + "=";

        private static readonly XNamespace Ns = Route53Api.Ns;

        /// <summary>"k8s" in "example.com" → "k8s.example.com."; "@" is the zone's apex.</summary>
        public static string Fqdn(string name, string zone)
        {
            var apex = zone.TrimEnd('.') + ".";
            return name == "@" || name.Length == 0 ? apex : name.TrimEnd('.') + "." + apex;
        }

        /// <summary>The name as the contract gives it: relative to the zone, "@" for the apex.</summary>
        public static string Relative(string fqdn, string zone)
        {
            var apex = zone.TrimEnd('.') + ".";
            if (string.Equals(fqdn, apex, StringComparison.OrdinalIgnoreCase)) return "@";
            return fqdn.EndsWith("." + apex, StringComparison.OrdinalIgnoreCase) ? fqdn.Substring(0, fqdn.Length - apex.Length - 1) : fqdn.TrimEnd('.');
        }

        /// <summary>The TXT value proving this cluster's ownership, quoted as Route53 keeps TXT strings.</summary>
        public static string OwnerValue(ClusterIdentity cluster) => "\"" + OwnerPrefix + cluster.Id + "\"";

        /// <summary>The cluster id a TXT set names as owner, or null.</summary>
        public static string? Owner(Route53RecordSet? txt) =>
            txt?.Values.Select(v => v.Trim('"')).FirstOrDefault(v => v.StartsWith(OwnerPrefix, StringComparison.Ordinal))?.Substring(OwnerPrefix.Length);

        public static Route53RecordSet Read(XElement set) => new Route53RecordSet(
            Route53Api.Child(set, "Name") ?? "",
            Route53Api.Child(set, "Type") ?? "",
            int.TryParse(Route53Api.Child(set, "TTL"), out var ttl) ? ttl : 0,
            set.Elements(Ns + "ResourceRecords").Elements(Ns + "ResourceRecord").Select(r => Route53Api.Child(r, "Value") ?? "").ToList());

        public static XElement Change(string action, Route53RecordSet set) =>
            new XElement(Ns + "Change",
                new XElement(Ns + "Action", action),
                new XElement(Ns + "ResourceRecordSet",
                    new XElement(Ns + "Name", set.Name),
                    new XElement(Ns + "Type", set.Type),
                    new XElement(Ns + "TTL", set.Ttl),
                    new XElement(Ns + "ResourceRecords", set.Values.Select(v => new XElement(Ns + "ResourceRecord", new XElement(Ns + "Value", v))))));

        public static XDocument Batch(string comment, IEnumerable<XElement> changes) =>
            new XDocument(new XDeclaration("1.0", "UTF-8", null),
                new XElement(Ns + "ChangeResourceRecordSetsRequest",
                    new XElement(Ns + "ChangeBatch",
                        new XElement(Ns + "Comment", comment),
                        new XElement(Ns + "Changes", changes))));

        /// <summary>
        /// The changes that make one name's A/AAAA sets hold exactly <paramref name="wanted"/> (by type) and its TXT set hold
        /// the owner value while any address is left. A change is DELETE of the set as read plus CREATE of the new one, in one
        /// atomic batch: Route53 refuses a DELETE that does not match exactly, so a set someone changed since it was read fails
        /// the batch instead of being overwritten (what UPSERT would do).
        /// </summary>
        public static List<XElement> Changes(ClusterIdentity cluster, string fqdn, int ttl, IReadOnlyDictionary<string, Route53RecordSet> existing, IReadOnlyDictionary<string, List<string>> wanted)
        {
            var changes = new List<XElement>();
            foreach (var type in new[] { "A", "AAAA" })
            {
                existing.TryGetValue(type, out var have);
                var want = wanted.TryGetValue(type, out var values) ? values : new List<string>();
                if (want.Count == 0)
                {
                    if (have != null) changes.Add(Change("DELETE", have));
                    continue;
                }
                var next = new Route53RecordSet(fqdn, type, ttl, want);
                if (have != null && have.Ttl == ttl && have.Values.OrderBy(v => v, StringComparer.Ordinal).SequenceEqual(want, StringComparer.OrdinalIgnoreCase)) continue;
                if (have != null) changes.Add(Change("DELETE", have));
                changes.Add(Change("CREATE", next));
            }
            var anyLeft = wanted.Values.Any(v => v.Count > 0);
            existing.TryGetValue("TXT", out var txt);
            var owner = OwnerValue(cluster);
            var others = txt?.Values.Where(v => v != owner).ToList() ?? new List<string>();
            var hasOwner = txt != null && txt.Values.Contains(owner);
            if (anyLeft != hasOwner)
            {
                if (txt != null) changes.Add(Change("DELETE", txt));
                var values = anyLeft ? others.Append(owner).ToList() : others;
                if (values.Count > 0) changes.Add(Change("CREATE", new Route53RecordSet(fqdn, "TXT", txt?.Ttl ?? ttl, values)));
            }
            return changes;
        }
    }
}
