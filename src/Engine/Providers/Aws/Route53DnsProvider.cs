using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// <see cref="IDnsProvider"/> for a Route53 public hosted zone: the zone is found by name (ListHostedZonesByName),
    /// each name's sets are read (ListResourceRecordSets) and changed in one atomic ChangeResourceRecordSets batch, and
    /// the provider waits (GetChange) until Route53 reports the change INSYNC on its name servers unless
    /// <c>route53WaitForSync</c> is false. Ownership: the companion TXT record (<see cref="Route53Records"/>); a name
    /// with addresses but no owner value, or another cluster's, is <see cref="CloudErrors.NameTaken"/> and untouched.
    /// </summary>
    internal sealed class Route53DnsProvider : IDnsProvider
    {
        private readonly AwsSettings settings;
        private readonly Route53Api api;
        private readonly System.Net.Http.HttpMessageHandler handler;
        private readonly LookupCache<string> zones = new(StringComparer.OrdinalIgnoreCase);

        public Route53DnsProvider(ProviderSpec spec, ProviderContext context)
        {
            settings = AwsSettings.Parse(spec);
            handler = ProviderHttp.CreateHandler(spec);
            api = new Route53Api(settings, new AwsIdentity(settings, context), handler, context);
        }

        public async Task EnsureRecordsAsync(DnsRecordSet records, CancellationToken cancellationToken)
        {
            var zoneId = await ZoneIdAsync(records.Zone, cancellationToken).ConfigureAwait(false);
            var fqdn = Route53Records.Fqdn(records.Name, records.Zone);
            var existing = await ReadNameAsync(zoneId, fqdn, cancellationToken).ConfigureAwait(false);
            CheckOwner(records.Cluster, fqdn, existing, "set");
            var wanted = records.Addresses.Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)
                .GroupBy(a => System.Net.IPAddress.TryParse(a, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? "AAAA" : "A")
                .ToDictionary(g => g.Key, g => g.OrderBy(a => a, StringComparer.Ordinal).ToList());
            await ApplyAsync(zoneId, fqdn, Route53Records.Changes(records.Cluster, fqdn, records.TtlSeconds, existing, wanted), cancellationToken).ConfigureAwait(false);
        }

        public async Task DeleteRecordsAsync(ClusterIdentity cluster, string zone, IReadOnlyList<string> names, CancellationToken cancellationToken)
        {
            var zoneId = await ZoneIdAsync(zone, cancellationToken).ConfigureAwait(false);
            foreach (var name in names)
            {
                var fqdn = Route53Records.Fqdn(name, zone);
                var existing = await ReadNameAsync(zoneId, fqdn, cancellationToken).ConfigureAwait(false);
                if (Route53Records.Owner(existing.GetValueOrDefault("TXT")) is null && !existing.ContainsKey("A") && !existing.ContainsKey("AAAA")) continue;
                CheckOwner(cluster, fqdn, existing, "delete");
                var none = new Dictionary<string, List<string>>();
                await ApplyAsync(zoneId, fqdn, Route53Records.Changes(cluster, fqdn, DnsRecordSet.DefaultTtlSeconds, existing, none), cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task<IReadOnlyList<DnsRecordSet>> FindRecordsAsync(ClusterIdentity cluster, string zone, CancellationToken cancellationToken)
        {
            var zoneId = await ZoneIdAsync(zone, cancellationToken).ConfigureAwait(false);
            var all = await ListAsync(zoneId, null, _ => true, cancellationToken).ConfigureAwait(false);
            return all.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .Where(g => Route53Records.Owner(g.FirstOrDefault(s => s.Type == "TXT")) == cluster.Id)
                .Select(g => new DnsRecordSet
                {
                    Cluster = cluster,
                    Zone = zone,
                    Name = Route53Records.Relative(g.Key, zone),
                    Addresses = g.Where(s => s.Type is "A" or "AAAA").SelectMany(s => s.Values).ToList(),
                    TtlSeconds = g.FirstOrDefault(s => s.Type is "A" or "AAAA")?.Ttl ?? DnsRecordSet.DefaultTtlSeconds,
                })
                .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        }

        private void CheckOwner(ClusterIdentity cluster, string fqdn, IReadOnlyDictionary<string, Route53RecordSet> existing, string verb)
        {
            var owner = Route53Records.Owner(existing.GetValueOrDefault("TXT"));
            if (owner == cluster.Id) return;
            if (owner != null || existing.ContainsKey("A") || existing.ContainsKey("AAAA"))
                throw CloudErrors.NameTaken(settings.Provider, $"{verb} records {fqdn}", fqdn + " (A/AAAA)");
        }

        private async Task ApplyAsync(string zoneId, string fqdn, List<XElement> changes, CancellationToken cancellationToken)
        {
            if (changes.Count == 0) return;
            var answer = await api.PostAsync("ChangeResourceRecordSets " + fqdn, $"/2013-04-01/hostedzone/{zoneId}/rrset/",
                Route53Records.Batch("MultiCloud: " + fqdn, changes), cancellationToken).ConfigureAwait(false);
            var change = answer.Descendants(Route53Api.Ns + "ChangeInfo").FirstOrDefault();
            var changeId = Route53Api.Child(change, "Id")?.Split('/').Last();
            if (!settings.Route53WaitForSync || changeId is null || Route53Api.Child(change, "Status") == "INSYNC") return;
            await AwsPolling.UntilAsync(async () =>
            {
                var status = await api.GetAsync("GetChange " + changeId, "/2013-04-01/change/" + changeId, new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
                return Route53Api.Child(status.Descendants(Route53Api.Ns + "ChangeInfo").FirstOrDefault(), "Status") == "INSYNC" ? "insync" : null;
            }, () => CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Failed, settings.Provider, "GetChange " + changeId,
                $"the change of {fqdn} was not INSYNC after {AwsPolling.Limit.TotalMinutes} minutes", "sync again; Route53 applies it meanwhile"), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The record sets of one name, by type.</summary>
        private async Task<IReadOnlyDictionary<string, Route53RecordSet>> ReadNameAsync(string zoneId, string fqdn, CancellationToken cancellationToken) =>
            (await ListAsync(zoneId, fqdn, s => string.Equals(s.Name, fqdn, StringComparison.OrdinalIgnoreCase), cancellationToken).ConfigureAwait(false))
                .GroupBy(s => s.Type).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        /// <summary>
        /// Record sets from <paramref name="start"/> on (Route53 lists in name order, so one name's sets come together)
        /// while <paramref name="take"/> holds, following IsTruncated/NextRecordName pages.
        /// </summary>
        private async Task<List<Route53RecordSet>> ListAsync(string zoneId, string? start, Func<Route53RecordSet, bool> take, CancellationToken cancellationToken)
        {
            var found = new List<Route53RecordSet>();
            var query = new Dictionary<string, string> { ["maxitems"] = "300" };
            if (start != null) query["name"] = start;
            while (true)
            {
                var page = await api.GetAsync("ListResourceRecordSets", $"/2013-04-01/hostedzone/{zoneId}/rrset", query, cancellationToken).ConfigureAwait(false);
                var root = page.Root;
                var sets = root?.Element(Route53Api.Ns + "ResourceRecordSets")?.Elements(Route53Api.Ns + "ResourceRecordSet").Select(Route53Records.Read).ToList() ?? new List<Route53RecordSet>();
                var taken = sets.TakeWhile(take).ToList();
                found.AddRange(taken);
                if (taken.Count < sets.Count || Route53Api.Child(root, "IsTruncated") != "true") return found;
                query["name"] = Route53Api.Child(root, "NextRecordName") ?? "";
                query["type"] = Route53Api.Child(root, "NextRecordType") ?? "";
            }
        }

        /// <summary>The public hosted zone of this name (a private zone of the same name serves only inside its VPCs).</summary>
        private Task<string> ZoneIdAsync(string zone, CancellationToken cancellationToken) =>
            zones.GetAsync(zone, () => FindZoneAsync(zone, cancellationToken));

        private async Task<string> FindZoneAsync(string zone, CancellationToken cancellationToken)
        {
            var apex = Route53Records.Fqdn("@", zone);
            var answer = await api.GetAsync("ListHostedZonesByName", "/2013-04-01/hostedzonesbyname", new Dictionary<string, string> { ["dnsname"] = apex, ["maxitems"] = "10" }, cancellationToken).ConfigureAwait(false);
            var candidates = answer.Descendants(Route53Api.Ns + "HostedZone")
                .Where(z => string.Equals(Route53Api.Child(z, "Name"), apex, StringComparison.OrdinalIgnoreCase))
                .Where(z => Route53Api.Child(z.Element(Route53Api.Ns + "Config"), "PrivateZone") != "true")
                .Select(z => Route53Api.Child(z, "Id")!.Split('/').Last()).ToList();
            if (candidates.Count == 1) return candidates[0];
            throw CloudErrors.Create(ErrorIds.CloudNotFound, ErrorKind.NotFound, settings.Provider, "find hosted zone " + zone,
                candidates.Count == 0 ? $"no public Route53 hosted zone '{zone}' in this account" : $"{candidates.Count} public hosted zones are named '{zone}'",
                candidates.Count == 0 ? "fix the load balancer's dns.zone field (MultiCloud never creates zones)" : "delete the zones you do not use, or use another zone");
        }

        public ValueTask DisposeAsync()
        {
            api.Dispose();
            handler.Dispose();
            return default;
        }
    }
}
