using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers.Hetzner
{
    /// <summary>
    /// The plan-time catalogue check of a Hetzner project: GET /locations and GET /server_types (each server type lists
    /// the locations it is offered in), and GET /datacenters when a pool names a data center as its zone. Each list is
    /// asked once per provider instance and run, whatever the number of regions and pools.
    /// </summary>
    internal sealed class HetznerPlacement
    {
        private readonly HetznerApi api;
        private readonly LookupCache<IReadOnlyList<JsonElement>> lists = new(StringComparer.Ordinal);

        public HetznerPlacement(HetznerApi api) => this.api = api;

        public async Task<PlacementResult> CheckAsync(PlacementRequest request, CancellationToken cancellationToken)
        {
            var problems = new List<PlacementProblem>();
            var locations = Names(await ListAsync("locations", cancellationToken).ConfigureAwait(false));
            var regionKnown = locations.Contains(request.Region, StringComparer.Ordinal);
            if (!regionKnown)
                problems.AddRange(request.Pools.Select(pool => ClosestNames.Problem(pool.Pool, PlacementField.Region, request.Region,
                    $"location '{request.Region}' does not exist in Hetzner Cloud", locations)));

            var types = await ListAsync("server_types", cancellationToken).ConfigureAwait(false);
            foreach (var pool in request.Pools)
            {
                var type = types.Where(t => HetznerApi.Text(t, "name") == pool.ServerType).Cast<JsonElement?>().FirstOrDefault();
                if (type is null)
                {
                    problems.Add(ClosestNames.Problem(pool.Pool, PlacementField.ServerType, pool.ServerType, $"server type '{pool.ServerType}' does not exist in Hetzner Cloud", Names(types)));
                    continue;
                }
                if (regionKnown && OfferedIn(type.Value) is { } offeredIn && !offeredIn.Contains(request.Region, StringComparer.Ordinal))
                {
                    var alternatives = types.Where(t => OfferedIn(t)?.Contains(request.Region, StringComparer.Ordinal) ?? true).Select(t => HetznerApi.Text(t, "name"));
                    problems.Add(ClosestNames.Problem(pool.Pool, PlacementField.ServerType, pool.ServerType,
                        $"server type '{pool.ServerType}' is not offered in location {request.Region} (only in {string.Join(", ", offeredIn)})", alternatives));
                }
                if (pool.Zone is { } zone) problems.AddRange(await CheckDatacenterAsync(pool, zone, request.Region, regionKnown, cancellationToken).ConfigureAwait(false));
            }
            return PlacementResult.Found(problems);
        }

        /// <summary>A pool's zone names a data center; it must exist and lie in the pool's location.</summary>
        private async Task<IEnumerable<PlacementProblem>> CheckDatacenterAsync(PoolPlacement pool, string zone, string region, bool regionKnown, CancellationToken cancellationToken)
        {
            var datacenters = await ListAsync("datacenters", cancellationToken).ConfigureAwait(false);
            var found = datacenters.Where(d => HetznerApi.Text(d, "name") == zone).Cast<JsonElement?>().FirstOrDefault();
            var inRegion = datacenters.Where(d => LocationOf(d) == region).Select(d => HetznerApi.Text(d, "name")).ToList();
            if (found is null)
                return new[] { ClosestNames.Problem(pool.Pool, PlacementField.Zone, zone, $"data center '{zone}' does not exist in Hetzner Cloud", regionKnown ? inRegion : Names(datacenters)) };
            if (regionKnown && LocationOf(found.Value) != region)
                return new[] { ClosestNames.Problem(pool.Pool, PlacementField.Zone, zone, $"data center '{zone}' is in location {LocationOf(found.Value)}, not in {region}", inRegion) };
            return Array.Empty<PlacementProblem>();
        }

        /// <summary>The locations a server type is offered in; null when the API does not say (answers before September 2025).</summary>
        private static IReadOnlyList<string>? OfferedIn(JsonElement type) =>
            type.TryGetProperty("locations", out var locations) && locations.ValueKind == JsonValueKind.Array
                ? locations.EnumerateArray().Select(l => HetznerApi.Text(l, "name")).Where(n => n.Length > 0).ToList()
                : null;

        private static string LocationOf(JsonElement datacenter) =>
            datacenter.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.Object ? HetznerApi.Text(location, "name") : "";

        private static IReadOnlyList<string> Names(IEnumerable<JsonElement> items) => items.Select(i => HetznerApi.Text(i, "name")).Where(n => n.Length > 0).ToList();

        private Task<IReadOnlyList<JsonElement>> ListAsync(string collection, CancellationToken cancellationToken) =>
            lists.GetAsync(collection, () => api.ListAsync(collection, "list " + collection, cancellationToken));
    }
}
