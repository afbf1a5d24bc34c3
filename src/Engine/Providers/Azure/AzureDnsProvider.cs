using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// <see cref="IDnsProvider"/> for an Azure DNS zone: A and AAAA record sets as generic resources by id
    /// (<c>Microsoft.Network/dnsZones/{zone}/A/{name}</c>), created with <c>If-None-Match: *</c> and changed or deleted
    /// with <c>If-Match: &lt;etag&gt;</c>, so a concurrent change is an error instead of a silent overwrite. Ownership is the
    /// record set's metadata <c>multicloud-cluster-id</c>.
    /// </summary>
    internal sealed class AzureDnsProvider : IDnsProvider
    {
        private static readonly string[] RecordTypes = { "A", "AAAA" };
        private readonly AzureConnection connection;
        private readonly ArmResources resources;
        private readonly AzureIds ids;
        private readonly string resourceGroup;
        private readonly HashSet<string> zonesSeen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public AzureDnsProvider(ProviderSpec spec, ProviderContext context)
        {
            connection = new AzureConnection(spec, context);
            resourceGroup = connection.Settings.RequireDnsResourceGroup(spec);
            resources = new ArmResources(connection);
            ids = new AzureIds(connection);
        }

        private sealed record Existing(string ETag, IReadOnlyList<string> Addresses, int Ttl, string? Owner);

        public async Task EnsureRecordsAsync(DnsRecordSet records, CancellationToken cancellationToken)
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await EnsureZoneAsync(records.Zone, cancellationToken).ConfigureAwait(false);
            foreach (var type in RecordTypes)
            {
                var wanted = records.Addresses.Where(a => TypeOf(a) == type).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(a => a, StringComparer.Ordinal).ToList();
                var id = ids.RecordSet(resourceGroup, records.Zone, type, records.Name);
                var existing = await ReadAsync(id, cancellationToken).ConfigureAwait(false);
                if (existing != null && existing.Owner != records.Cluster.Id)
                    throw CloudErrors.NameTaken(connection.Provider, $"set {type} {records.Name}.{records.Zone}", $"{records.Name}.{records.Zone} ({type})");
                if (wanted.Count == 0)
                {
                    if (existing != null) await resources.DeleteAsync(id, cancellationToken, IfMatch(existing.ETag)).ConfigureAwait(false);
                    continue;
                }
                if (existing != null && existing.Ttl == records.TtlSeconds && existing.Addresses.SequenceEqual(wanted, StringComparer.OrdinalIgnoreCase)) continue;
                var condition = existing is null ? Header("If-None-Match", "*") : IfMatch(existing.ETag);
                await resources.PutAsync(id, RecordSetData(records, type, wanted), cancellationToken, condition).ConfigureAwait(false);
            }
        }

        public async Task DeleteRecordsAsync(ClusterIdentity cluster, string zone, IReadOnlyList<string> names, CancellationToken cancellationToken)
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            foreach (var name in names)
            {
                foreach (var type in RecordTypes)
                {
                    var id = ids.RecordSet(resourceGroup, zone, type, name);
                    var existing = await ReadAsync(id, cancellationToken).ConfigureAwait(false);
                    if (existing is null) continue;
                    if (existing.Owner != cluster.Id)
                        throw CloudErrors.NameTaken(connection.Provider, $"delete {type} {name}.{zone}", $"{name}.{zone} ({type})");
                    await resources.DeleteAsync(id, cancellationToken, IfMatch(existing.ETag)).ConfigureAwait(false);
                }
            }
        }

        public Task<IReadOnlyList<DnsRecordSet>> FindRecordsAsync(ClusterIdentity cluster, string zone, CancellationToken cancellationToken) =>
            connection.CallAsync<IReadOnlyList<DnsRecordSet>>($"list record sets of {zone}", async arm =>
            {
                var reader = new ArmReader(arm, connection.SubscriptionId);
                var owned = new List<(string Name, Existing Set)>();
                using (var document = await reader.GetJsonAsync($"{ids.Resource(resourceGroup, "Microsoft.Network/dnsZones", zone)}/recordsets", AzureApiVersions.Dns, null, cancellationToken).ConfigureAwait(false))
                {
                    if (document is null) throw ZoneNotFound(zone);
                    foreach (var set in document.RootElement.GetProperty("value").EnumerateArray())
                    {
                        var type = set.GetProperty("type").GetString() ?? "";
                        if (!RecordTypes.Any(t => type.EndsWith("/" + t, StringComparison.OrdinalIgnoreCase))) continue;
                        var parsed = Parse(set);
                        if (parsed.Owner == cluster.Id) owned.Add((set.GetProperty("name").GetString() ?? "", parsed));
                    }
                }
                return owned.GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).Select(g => new DnsRecordSet
                {
                    Cluster = cluster,
                    Zone = zone,
                    Name = g.Key,
                    Addresses = g.SelectMany(o => o.Set.Addresses).ToList(),
                    TtlSeconds = g.First().Set.Ttl,
                }).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
            }, cancellationToken);

        private async Task EnsureZoneAsync(string zone, CancellationToken cancellationToken)
        {
            if (zonesSeen.Contains(zone)) return;
            if (await resources.GetAsync(ids.Resource(resourceGroup, "Microsoft.Network/dnsZones", zone), cancellationToken).ConfigureAwait(false) is null)
                throw ZoneNotFound(zone);
            zonesSeen.Add(zone);
        }

        private CloudException ZoneNotFound(string zone) =>
            CloudErrors.Create(ErrorIds.CloudNotFound, ErrorKind.NotFound, connection.Provider, "find DNS zone " + zone,
                $"no DNS zone '{zone}' in resource group {resourceGroup} of subscription {connection.Subscription}",
                "fix the load balancer's dns.zone field or the provider's dnsResourceGroup setting (MultiCloud never creates zones)");

        /// <summary>The record set with its ETag, or null when absent. Generic resource data drops the ETag, so it is read from the raw answer.</summary>
        private Task<Existing?> ReadAsync(ResourceIdentifier id, CancellationToken cancellationToken) =>
            connection.CallAsync<Existing?>("get " + ArmResources.Describe(id), async arm =>
            {
                try
                {
                    var found = await arm.GetGenericResources().GetAsync(id, cancellationToken).ConfigureAwait(false);
                    using var document = JsonDocument.Parse(found.GetRawResponse().Content.ToMemory());
                    return Parse(document.RootElement);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    return null;
                }
            }, cancellationToken);

        private static Existing Parse(JsonElement set)
        {
            var properties = set.GetProperty("properties");
            var addresses = new List<string>();
            foreach (var (list, field) in new[] { ("ARecords", "ipv4Address"), ("AAAARecords", "ipv6Address") })
            {
                if (properties.TryGetProperty(list, out var records) && records.ValueKind == JsonValueKind.Array)
                    addresses.AddRange(records.EnumerateArray().Select(r => r.TryGetProperty(field, out var a) ? a.GetString() : null).OfType<string>());
            }
            string? owner = null;
            if (properties.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty(ResourceTags.ClusterId, out var id)) owner = id.GetString();
            var ttl = properties.TryGetProperty("TTL", out var t) && t.TryGetInt32(out var seconds) ? seconds : 0;
            var etag = set.TryGetProperty("etag", out var e) ? e.GetString() ?? "" : "";
            return new Existing(etag, addresses.OrderBy(a => a, StringComparer.Ordinal).ToList(), ttl, owner);
        }

        private static global::Azure.ResourceManager.Resources.GenericResourceData RecordSetData(DnsRecordSet records, string type, IReadOnlyList<string> addresses)
        {
            var field = type == "A" ? "ipv4Address" : "ipv6Address";
            var metadata = new JsonObject();
            foreach (var tag in ResourceTags.For(records.Cluster)) metadata[tag.Key] = tag.Value;
            var properties = new JsonObject
            {
                ["TTL"] = records.TtlSeconds,
                [type + "Records"] = new JsonArray(addresses.Select(a => (JsonNode)new JsonObject { [field] = a }).ToArray()),
                ["metadata"] = metadata,
            };
            // Record sets have no location or tags; the generic data's are dropped from the request (ArmRequestAdditions).
            return new global::Azure.ResourceManager.Resources.GenericResourceData(AzureLocation.WestEurope) { Properties = BinaryData.FromString(properties.ToJsonString()) };
        }

        private static ArmRequestAdditions.Addition IfMatch(string etag) => Header("If-Match", etag);

        private static ArmRequestAdditions.Addition Header(string name, string value) => new ArmRequestAdditions.Addition
        {
            Headers = new Dictionary<string, string> { [name] = value },
            RemovedBodyProperties = new[] { "location", "tags" },
        };

        private static string TypeOf(string address) =>
            System.Net.IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? "AAAA" : "A";

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
