using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers.Cloudflare
{
    /// <summary>
    /// A and AAAA records in Cloudflare zones. Ownership is the record's comment, "managed by MultiCloud,
    /// multicloud-cluster-id=&lt;id&gt;" (comments exist on every plan; tags need a paid one): a record of the same name
    /// without this cluster's id is another owner's, and the name is refused, never changed. Records are never proxied:
    /// the load balancers speak TCP themselves.
    /// </summary>
    internal sealed class CloudflareDnsProvider : IDnsProvider
    {
        private readonly RestApiClient api;
        private readonly string? accountId;
        private readonly ConcurrentDictionary<string, string> zoneIds = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public CloudflareDnsProvider(RestApiClient api, string? accountId)
        {
            this.api = api;
            this.accountId = accountId;
        }

        public static string Comment(ClusterIdentity cluster) => $"managed by MultiCloud, {ResourceTags.ClusterId}={cluster.Id}";

        public async Task EnsureRecordsAsync(DnsRecordSet records, CancellationToken cancellationToken)
        {
            var fqdn = Fqdn(records.Name, records.Zone);
            var operation = "set records of " + fqdn;
            var zone = await ZoneIdAsync(records.Zone, operation, cancellationToken).ConfigureAwait(false);
            var existing = await ListAsync(zone, operation, cancellationToken, ("name", fqdn)).ConfigureAwait(false);
            if (existing.Any(r => (IsAddress(r) || Text(r, "type") == "CNAME") && !IsOwned(r, records.Cluster)))
                throw CloudErrors.NameTaken(api.Provider, operation, fqdn);

            var owned = existing.Where(IsAddress).ToList();
            var wanted = records.Addresses.Select(Normalize).Distinct(StringComparer.Ordinal).ToList();
            foreach (var record in owned.Where(r => !wanted.Contains(Text(r, "content"))))
                await api.SendAsync(HttpMethod.Delete, $"zones/{zone}/dns_records/{Text(record, "id")}", null, operation, cancellationToken, absentIsNull: true).ConfigureAwait(false);
            foreach (var record in owned.Where(r => wanted.Contains(Text(r, "content")) && Ttl(r) != records.TtlSeconds))
                await api.SendAsync(HttpMethod.Patch, $"zones/{zone}/dns_records/{Text(record, "id")}", new JsonObject { ["ttl"] = records.TtlSeconds }, operation, cancellationToken).ConfigureAwait(false);
            foreach (var address in wanted.Where(a => owned.All(r => Text(r, "content") != a)))
            {
                var body = new JsonObject
                {
                    ["type"] = IPAddress.Parse(address).AddressFamily == AddressFamily.InterNetworkV6 ? "AAAA" : "A",
                    ["name"] = fqdn,
                    ["content"] = address,
                    ["ttl"] = records.TtlSeconds,
                    ["proxied"] = false,
                    ["comment"] = Comment(records.Cluster),
                };
                await api.SendAsync(HttpMethod.Post, $"zones/{zone}/dns_records", body, operation, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task DeleteRecordsAsync(ClusterIdentity cluster, string zone, IReadOnlyList<string> names, CancellationToken cancellationToken)
        {
            var zoneId = await ZoneIdAsync(zone, "delete records in " + zone, cancellationToken).ConfigureAwait(false);
            foreach (var name in names)
            {
                var fqdn = Fqdn(name, zone);
                var operation = "delete records of " + fqdn;
                foreach (var record in (await ListAsync(zoneId, operation, cancellationToken, ("name", fqdn)).ConfigureAwait(false)).Where(r => IsAddress(r) && IsOwned(r, cluster)))
                    await api.SendAsync(HttpMethod.Delete, $"zones/{zoneId}/dns_records/{Text(record, "id")}", null, operation, cancellationToken, absentIsNull: true).ConfigureAwait(false);
            }
        }

        public async Task<IReadOnlyList<DnsRecordSet>> FindRecordsAsync(ClusterIdentity cluster, string zone, CancellationToken cancellationToken)
        {
            var operation = "list records in " + zone;
            var zoneId = await ZoneIdAsync(zone, operation, cancellationToken).ConfigureAwait(false);
            var records = await ListAsync(zoneId, operation, cancellationToken).ConfigureAwait(false);
            return records.Where(r => IsAddress(r) && IsOwned(r, cluster))
                .GroupBy(r => Text(r, "name"), StringComparer.OrdinalIgnoreCase)
                .Select(group => new DnsRecordSet
                {
                    Cluster = cluster,
                    Zone = zone,
                    Name = Relative(group.Key, zone),
                    Addresses = group.Select(r => Text(r, "content")).OrderBy(a => a, StringComparer.Ordinal).ToList(),
                    TtlSeconds = Ttl(group.First()),
                })
                .OrderBy(set => set.Name, StringComparer.Ordinal)
                .ToList();
        }

        public ValueTask DisposeAsync()
        {
            api.Dispose();
            return default;
        }

        private async Task<string> ZoneIdAsync(string zone, string operation, CancellationToken cancellationToken)
        {
            if (zoneIds.TryGetValue(zone, out var id)) return id;
            var answer = await api.SendAsync(HttpMethod.Get, RestApiClient.Query("zones", ("name", zone), ("account.id", accountId)), null, operation, cancellationToken).ConfigureAwait(false);
            var zones = Results(answer);
            if (zones.Count == 0)
                throw CloudErrors.Create(ErrorIds.CloudNotFound, ErrorKind.NotFound, api.Provider, operation,
                    $"zone '{zone}' is not in this Cloudflare account (field zone of the load balancer's dns)",
                    "fix dns.zone in the manifest, or give the API token access to that zone");
            return zoneIds[zone] = Text(zones[0], "id");
        }

        /// <summary>Every record matching the filters, page by page (result_info.total_pages).</summary>
        private async Task<IReadOnlyList<JsonElement>> ListAsync(string zone, string operation, CancellationToken cancellationToken, params (string Name, string? Value)[] filters)
        {
            var records = new List<JsonElement>();
            for (var page = 1; ; page++)
            {
                var query = filters.Concat(new[] { ("page", (string?)page.ToString(CultureInfo.InvariantCulture)), ("per_page", (string?)"100") }).ToArray();
                var answer = await api.SendAsync(HttpMethod.Get, RestApiClient.Query($"zones/{zone}/dns_records", query), null, operation, cancellationToken).ConfigureAwait(false);
                records.AddRange(Results(answer));
                var pages = answer is { } body && body.TryGetProperty("result_info", out var info) && info.TryGetProperty("total_pages", out var total) && total.ValueKind == JsonValueKind.Number
                    ? total.GetInt32() : 1;
                if (page >= pages) return records;
            }
        }

        private static IReadOnlyList<JsonElement> Results(JsonElement? answer) =>
            answer is { } body && body.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Array ? result.EnumerateArray().ToList() : new List<JsonElement>();

        private static bool IsAddress(JsonElement record) => Text(record, "type") is "A" or "AAAA";

        private static bool IsOwned(JsonElement record, ClusterIdentity cluster) =>
            Text(record, "comment").Contains(ResourceTags.ClusterId + "=" + cluster.Id, StringComparison.Ordinal);

        private static int Ttl(JsonElement record) => record.TryGetProperty("ttl", out var ttl) && ttl.ValueKind == JsonValueKind.Number ? ttl.GetInt32() : 0;

        private static string Text(JsonElement item, string property) =>
            item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

        private static string Normalize(string address) => IPAddress.Parse(address).ToString();

        private static string Fqdn(string name, string zone) => name == "@" || name.Length == 0 ? zone : name + "." + zone;

        private static string Relative(string fqdn, string zone) =>
            string.Equals(fqdn, zone, StringComparison.OrdinalIgnoreCase) ? "@" : fqdn.Substring(0, fqdn.Length - zone.Length - 1);
    }
}
