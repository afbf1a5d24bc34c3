using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Engine.Providers.Hetzner
{
    /// <summary>
    /// Servers of one Hetzner Cloud project. Each server is named "&lt;cluster&gt;-&lt;node&gt;" and labelled with the
    /// cluster's id, pool and node; a create finds the server an earlier run made by that name (and refuses one another
    /// cluster owns), a delete finds it by name or label. Server type, location and image are checked before the
    /// first create, so a typo in the manifest fails naming the field, not deep in an action.
    /// </summary>
    internal sealed class HetznerMachineProvider : IMachineProvider
    {
        private readonly HetznerApi api;
        private readonly HetznerNetwork network;
        private readonly HetznerCatalogChecks checks;
        private readonly HetznerPlacement placement;
        private readonly ProviderContext context;

        public HetznerMachineProvider(HetznerApi api, ProviderContext context)
        {
            this.api = api;
            this.context = context;
            network = new HetznerNetwork(api);
            checks = new HetznerCatalogChecks(api);
            placement = new HetznerPlacement(api);
        }

        public Task<PlacementResult> CheckPlacementAsync(PlacementRequest request, CancellationToken cancellationToken) =>
            placement.CheckAsync(request, cancellationToken);

        public Task<NetworkInfo> EnsureNetworkAsync(NetworkRequest request, CancellationToken cancellationToken) =>
            network.EnsureAsync(request, cancellationToken);

        public async Task<MachineInfo> CreateMachineAsync(MachineRequest request, CancellationToken cancellationToken)
        {
            var name = ResourceNames.Machine(request.Cluster, request.NodeName);
            var operation = "create server " + name;
            var existing = await api.FindByNameAsync("servers", name, operation, cancellationToken).ConfigureAwait(false);
            if (existing is { } found)
            {
                if (!ResourceTags.IsOwnedBy(HetznerApi.Labels(found), request.Cluster)) throw CloudErrors.NameTaken(api.Provider, operation, name);
                context.Log.Write(LogLevel.Information, $"{api.Provider}: server {name} exists already (made by an earlier run); using it");
                return await RunningAsync(found, request, operation, cancellationToken).ConfigureAwait(false);
            }

            await checks.RequireAsync(request, operation, cancellationToken).ConfigureAwait(false);
            var labels = ResourceTags.For(request.Cluster, request.Pool, request.NodeName);
            var body = new JsonObject
            {
                ["name"] = name,
                ["server_type"] = request.ServerType,
                ["image"] = request.Image,
                ["ssh_keys"] = new JsonArray(JsonValue.Create(long.Parse(request.Network.Resources["sshKey"], System.Globalization.CultureInfo.InvariantCulture))),
                ["user_data"] = request.UserData,
                ["labels"] = HetznerNetwork.LabelsJson(labels),
                ["start_after_create"] = true,
            };
            // Hetzner has locations and the data centers in them; a pool's zone, when given, names the data center.
            if (request.Zone is null) body["location"] = request.Region;
            else body["datacenter"] = request.Zone;

            JsonElement? created;
            try
            {
                created = await api.SendAsync(HttpMethod.Post, "servers", body, operation, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudException e) when (e.CloudCode == "uniqueness_error")
            {
                // The name went to a server meanwhile: a retried request whose first answer was lost. Find it again.
                var raced = await api.FindByNameAsync("servers", name, operation, cancellationToken).ConfigureAwait(false);
                if (raced is null) throw;
                if (!ResourceTags.IsOwnedBy(HetznerApi.Labels(raced.Value), request.Cluster)) throw CloudErrors.NameTaken(api.Provider, operation, name);
                return await RunningAsync(raced.Value, request, operation, cancellationToken).ConfigureAwait(false);
            }
            var server = created?.GetProperty("server") ?? throw api.Unexpected(operation, "no server");
            await api.WaitForActionsAsync(HetznerApi.ActionsOf(created).Concat(NextActions(created.Value)), operation, cancellationToken).ConfigureAwait(false);
            return await RunningAsync(server, request, operation, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<MachineInfo>> FindMachinesAsync(ClusterIdentity cluster, CancellationToken cancellationToken)
        {
            var selector = HetznerApi.Selector(new Dictionary<string, string> { [ResourceTags.ClusterId] = cluster.Id });
            var servers = await api.ListAsync("servers", "list servers of cluster " + cluster.Name, cancellationToken, ("label_selector", selector)).ConfigureAwait(false);
            return servers.Where(server => ResourceTags.IsOwnedBy(HetznerApi.Labels(server), cluster)).Select(Info).ToList();
        }

        public async Task DeleteMachineAsync(ClusterIdentity cluster, string nodeName, CancellationToken cancellationToken)
        {
            var name = ResourceNames.Machine(cluster, nodeName);
            var operation = "delete server " + name;
            var byName = await api.FindByNameAsync("servers", name, operation, cancellationToken).ConfigureAwait(false);
            var candidates = byName is { } named ? new[] { named } : await api.ListAsync("servers", operation, cancellationToken,
                ("label_selector", HetznerApi.Selector(new Dictionary<string, string> { [ResourceTags.ClusterId] = cluster.Id, [ResourceTags.Node] = nodeName })));
            foreach (var server in candidates.Where(s => ResourceTags.IsOwnedBy(HetznerApi.Labels(s), cluster)))
            {
                var deleted = await api.SendAsync(HttpMethod.Delete, "servers/" + HetznerApi.Id(server), null, operation, cancellationToken, absentIsNull: true).ConfigureAwait(false);
                await api.WaitForActionsAsync(HetznerApi.ActionsOf(deleted), operation, cancellationToken).ConfigureAwait(false);
            }
        }

        public Task DeleteNetworkAsync(ClusterIdentity cluster, string region, CancellationToken cancellationToken) =>
            network.DeleteAsync(cluster, region, cancellationToken);

        public ValueTask DisposeAsync()
        {
            api.Dispose();
            return default;
        }

        /// <summary>Waits until the server runs and has its public address (powering it on if an earlier run left it off).</summary>
        private async Task<MachineInfo> RunningAsync(JsonElement server, MachineRequest request, string operation, CancellationToken cancellationToken)
        {
            var id = HetznerApi.Id(server);
            var deadline = DateTimeOffset.UtcNow + api.Client.Retry.OperationTimeout;
            while (true)
            {
                var status = HetznerApi.Text(server, "status");
                var info = Info(server);
                if (status == "running" && info.PublicAddress.Length > 0) return info;
                if (status == "off")
                {
                    var started = await api.SendAsync(HttpMethod.Post, $"servers/{id}/actions/poweron", null, "power on server " + info.NodeName, cancellationToken).ConfigureAwait(false);
                    await api.WaitForActionsAsync(HetznerApi.ActionsOf(started), operation, cancellationToken).ConfigureAwait(false);
                }
                if (DateTimeOffset.UtcNow > deadline)
                    throw CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Failed, api.Provider, operation,
                        $"server {id} is '{status}' after {api.Client.Retry.OperationTimeout.TotalMinutes:0} minutes", "look at the server in the Hetzner console, then run again");
                await Task.Delay(api.Client.Retry.PollInterval, cancellationToken).ConfigureAwait(false);
                var polled = await api.SendAsync(HttpMethod.Get, "servers/" + id, null, operation, cancellationToken).ConfigureAwait(false);
                server = polled?.GetProperty("server") ?? throw api.Unexpected(operation, "no server");
            }
        }

        private static MachineInfo Info(JsonElement server)
        {
            var labels = HetznerApi.Labels(server);
            var publicNet = server.TryGetProperty("public_net", out var net) ? net : default;
            return new MachineInfo
            {
                NodeName = labels.TryGetValue(ResourceTags.Node, out var node) ? node : HetznerApi.Text(server, "name"),
                Pool = labels.TryGetValue(ResourceTags.Pool, out var pool) ? pool : "",
                Region = server.TryGetProperty("datacenter", out var dc) && dc.TryGetProperty("location", out var location) ? HetznerApi.Text(location, "name") : "",
                PublicAddress = Address(publicNet, "ipv4") ?? Address(publicNet, "ipv6") ?? "",
                Resources = new Dictionary<string, string> { ["server"] = HetznerApi.Id(server) },
            };
        }

        /// <summary>The public address; Hetzner gives IPv6 as a /64 network, of which the server answers on ::1.</summary>
        private static string? Address(JsonElement publicNet, string family)
        {
            if (publicNet.ValueKind != JsonValueKind.Object || !publicNet.TryGetProperty(family, out var entry) || entry.ValueKind != JsonValueKind.Object) return null;
            var ip = HetznerApi.Text(entry, "ip");
            if (ip.Length == 0) return null;
            return family == "ipv6" && ip.EndsWith("::/64", StringComparison.Ordinal) ? ip.Substring(0, ip.Length - 3) + "1" : ip;
        }

        private static IEnumerable<JsonElement> NextActions(JsonElement created) =>
            created.TryGetProperty("next_actions", out var next) && next.ValueKind == JsonValueKind.Array ? next.EnumerateArray().ToList() : Enumerable.Empty<JsonElement>();
    }
}
