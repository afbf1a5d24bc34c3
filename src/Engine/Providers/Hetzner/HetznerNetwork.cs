using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers.Hetzner
{
    /// <summary>
    /// What a Hetzner project holds for a cluster besides servers: one SSH key for the cluster ("&lt;cluster&gt;-ssh";
    /// keys are per project) and one firewall per pool ("&lt;cluster&gt;-&lt;pool&gt;-fw"), applied by a label selector to
    /// the pool's servers, so a new server is covered from its first boot. No private network: the WireGuard mesh is
    /// the cluster's private network, and only public interfaces need a firewall.
    /// </summary>
    internal sealed class HetznerNetwork
    {
        private readonly HetznerApi api;

        public HetznerNetwork(HetznerApi api) => this.api = api;

        public async Task<NetworkInfo> EnsureAsync(NetworkRequest request, CancellationToken cancellationToken)
        {
            var resources = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["sshKey"] = await EnsureSshKeyAsync(request.Cluster, request.SshPublicKey, cancellationToken).ConfigureAwait(false),
            };
            foreach (var (pool, rules) in request.Firewalls)
                resources["firewall/" + pool] = await EnsureFirewallAsync(request.Cluster, request.Region, pool, rules, cancellationToken).ConfigureAwait(false);
            await DeleteStaleFirewallsAsync(request, cancellationToken).ConfigureAwait(false);
            return new NetworkInfo(resources);
        }

        /// <summary>Deletes the region's firewalls, and the SSH key once nothing of the cluster is left in the project.</summary>
        public async Task DeleteAsync(ClusterIdentity cluster, string region, CancellationToken cancellationToken)
        {
            var labels = new Dictionary<string, string> { [ResourceTags.ClusterId] = cluster.Id, [ResourceTags.Region] = region };
            foreach (var firewall in await api.ListAsync("firewalls", "list firewalls", cancellationToken, ("label_selector", HetznerApi.Selector(labels))).ConfigureAwait(false))
                await DeleteFirewallAsync(firewall, cancellationToken).ConfigureAwait(false);

            var owned = ("label_selector", (string?)HetznerApi.Selector(new Dictionary<string, string> { [ResourceTags.ClusterId] = cluster.Id }));
            var servers = await api.ListAsync("servers", "list servers", cancellationToken, owned).ConfigureAwait(false);
            var firewalls = await api.ListAsync("firewalls", "list firewalls", cancellationToken, owned).ConfigureAwait(false);
            if (servers.Count > 0 || firewalls.Count > 0) return;
            foreach (var key in await api.ListAsync("ssh_keys", "list SSH keys", cancellationToken, owned).ConfigureAwait(false))
                await api.SendAsync(HttpMethod.Delete, "ssh_keys/" + HetznerApi.Id(key), null, "delete SSH key " + HetznerApi.Text(key, "name"), cancellationToken, absentIsNull: true).ConfigureAwait(false);
        }

        private async Task<string> EnsureSshKeyAsync(ClusterIdentity cluster, string publicKey, CancellationToken cancellationToken)
        {
            var name = ResourceNames.OfCluster(cluster, "ssh");
            var operation = "ensure SSH key " + name;
            var existing = await api.FindByNameAsync("ssh_keys", name, operation, cancellationToken).ConfigureAwait(false);
            if (existing is { } key)
            {
                if (!ResourceTags.IsOwnedBy(HetznerApi.Labels(key), cluster)) throw CloudErrors.NameTaken(api.Provider, operation, name);
                if (SameKey(HetznerApi.Text(key, "public_key"), publicKey)) return HetznerApi.Id(key);
                await api.SendAsync(HttpMethod.Delete, "ssh_keys/" + HetznerApi.Id(key), null, operation, cancellationToken, absentIsNull: true).ConfigureAwait(false);
            }
            var body = new JsonObject { ["name"] = name, ["public_key"] = publicKey, ["labels"] = LabelsJson(ResourceTags.For(cluster)) };
            try
            {
                var created = await api.SendAsync(HttpMethod.Post, "ssh_keys", body, operation, cancellationToken).ConfigureAwait(false);
                return HetznerApi.Id(created!.Value.GetProperty("ssh_key"));
            }
            catch (CloudException e) when (e.CloudCode == "uniqueness_error")
            {
                // The project already holds this public key under another name (the user registered it): use it, never own it.
                var same = await api.ListAsync("ssh_keys", operation, cancellationToken, ("fingerprint", Md5Fingerprint(publicKey))).ConfigureAwait(false);
                if (same.Count == 0) throw;
                return HetznerApi.Id(same[0]);
            }
        }

        private async Task<string> EnsureFirewallAsync(ClusterIdentity cluster, string region, string pool, IReadOnlyList<FirewallRule> rules, CancellationToken cancellationToken)
        {
            var name = ResourceNames.Firewall(cluster, pool);
            var operation = "ensure firewall " + name;
            var wanted = RulesJson(rules);
            var existing = await api.FindByNameAsync("firewalls", name, operation, cancellationToken).ConfigureAwait(false);
            if (existing is { } firewall)
            {
                if (!ResourceTags.IsOwnedBy(HetznerApi.Labels(firewall), cluster)) throw CloudErrors.NameTaken(api.Provider, operation, name);
                if (Canonical(firewall.GetProperty("rules")) != Canonical(wanted))
                {
                    var set = await api.SendAsync(HttpMethod.Post, $"firewalls/{HetznerApi.Id(firewall)}/actions/set_rules", new JsonObject { ["rules"] = wanted },
                        "set rules of firewall " + name, cancellationToken).ConfigureAwait(false);
                    await api.WaitForActionsAsync(HetznerApi.ActionsOf(set), "set rules of firewall " + name, cancellationToken).ConfigureAwait(false);
                }
                return HetznerApi.Id(firewall);
            }

            var labels = new SortedDictionary<string, string>(ResourceTags.For(cluster, pool).ToDictionary(l => l.Key, l => l.Value), StringComparer.Ordinal)
            {
                [ResourceTags.Region] = region,
            };
            var body = new JsonObject
            {
                ["name"] = name,
                ["labels"] = LabelsJson(labels),
                ["rules"] = wanted,
                ["apply_to"] = new JsonArray(SelectorResource(cluster, pool)),
            };
            var created = await api.SendAsync(HttpMethod.Post, "firewalls", body, operation, cancellationToken).ConfigureAwait(false);
            await api.WaitForActionsAsync(HetznerApi.ActionsOf(created), operation, cancellationToken).ConfigureAwait(false);
            return HetznerApi.Id(created!.Value.GetProperty("firewall"));
        }

        /// <summary>Firewalls of pools that left the region; kept while a server of the pool still exists (it goes in a later step).</summary>
        private async Task DeleteStaleFirewallsAsync(NetworkRequest request, CancellationToken cancellationToken)
        {
            var labels = new Dictionary<string, string> { [ResourceTags.ClusterId] = request.Cluster.Id, [ResourceTags.Region] = request.Region };
            foreach (var firewall in await api.ListAsync("firewalls", "list firewalls", cancellationToken, ("label_selector", HetznerApi.Selector(labels))).ConfigureAwait(false))
            {
                if (!HetznerApi.Labels(firewall).TryGetValue(ResourceTags.Pool, out var pool) || request.Firewalls.ContainsKey(pool)) continue;
                var poolServers = new Dictionary<string, string> { [ResourceTags.ClusterId] = request.Cluster.Id, [ResourceTags.Pool] = pool };
                var servers = await api.ListAsync("servers", "list servers", cancellationToken, ("label_selector", HetznerApi.Selector(poolServers))).ConfigureAwait(false);
                if (servers.Count == 0) await DeleteFirewallAsync(firewall, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>A firewall still applied to something cannot be deleted: it is taken off first.</summary>
        private async Task DeleteFirewallAsync(JsonElement firewall, CancellationToken cancellationToken)
        {
            var id = HetznerApi.Id(firewall);
            var operation = "delete firewall " + HetznerApi.Text(firewall, "name");
            if (firewall.TryGetProperty("applied_to", out var applied) && applied.ValueKind == JsonValueKind.Array && applied.GetArrayLength() > 0)
            {
                var removeFrom = new JsonArray(applied.EnumerateArray().Select(resource => JsonNode.Parse(resource.GetRawText())).ToArray());
                var removed = await api.SendAsync(HttpMethod.Post, $"firewalls/{id}/actions/remove_from_resources", new JsonObject { ["remove_from"] = removeFrom },
                    operation, cancellationToken, absentIsNull: true).ConfigureAwait(false);
                await api.WaitForActionsAsync(HetznerApi.ActionsOf(removed), operation, cancellationToken).ConfigureAwait(false);
            }
            await api.SendAsync(HttpMethod.Delete, "firewalls/" + id, null, operation, cancellationToken, absentIsNull: true).ConfigureAwait(false);
        }

        private static JsonObject SelectorResource(ClusterIdentity cluster, string pool) => new JsonObject
        {
            ["type"] = "label_selector",
            ["label_selector"] = new JsonObject
            {
                ["selector"] = HetznerApi.Selector(new Dictionary<string, string> { [ResourceTags.ClusterId] = cluster.Id, [ResourceTags.Pool] = pool }),
            },
        };

        private static JsonArray RulesJson(IReadOnlyList<FirewallRule> rules) => new JsonArray(rules.Select(rule => (JsonNode)new JsonObject
        {
            ["direction"] = "in",
            ["protocol"] = rule.Protocol == FirewallProtocol.Udp ? "udp" : "tcp",
            ["port"] = rule.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["source_ips"] = new JsonArray(rule.Sources.Select(source => (JsonNode)JsonValue.Create(source)!).ToArray()),
            ["description"] = rule.Description,
        }).ToArray());

        public static JsonObject LabelsJson(IEnumerable<KeyValuePair<string, string>> labels)
        {
            var json = new JsonObject();
            foreach (var label in labels) json[label.Key] = label.Value;
            return json;
        }

        /// <summary>Rules as a set of "direction protocol port sources description" lines, for comparing what is with what should be.</summary>
        private static string Canonical(JsonNode rules) => Canonical(JsonDocument.Parse(rules.ToJsonString()).RootElement);

        private static string Canonical(JsonElement rules) => string.Join("\n", rules.EnumerateArray().Select(rule =>
            string.Join(" ", HetznerApi.Text(rule, "direction"), HetznerApi.Text(rule, "protocol"), HetznerApi.Text(rule, "port"),
                string.Join(",", rule.TryGetProperty("source_ips", out var sources) ? sources.EnumerateArray().Select(s => s.GetString()).OrderBy(s => s, StringComparer.Ordinal) : Enumerable.Empty<string?>()),
                HetznerApi.Text(rule, "description"))).OrderBy(line => line, StringComparer.Ordinal));

        private static bool SameKey(string a, string b) => Blob(a) == Blob(b);

        private static string Blob(string publicKey)
        {
            var fields = publicKey.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 1 ? fields[1] : publicKey.Trim();
        }

        /// <summary>Hetzner names keys by the MD5 of their blob, as colon-separated hex.</summary>
        private static string Md5Fingerprint(string publicKey) =>
            string.Join(":", MD5.HashData(Convert.FromBase64String(Blob(publicKey))).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
