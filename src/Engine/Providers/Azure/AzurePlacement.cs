using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// The plan-time catalogue check of an Azure subscription: the subscription's locations (Subscriptions - List
    /// Locations, once per provider instance) and each region's Resource SKUs list (VM sizes, their restrictions for
    /// this subscription and their zones; the same cached list the VM create checks with).
    /// </summary>
    internal sealed class AzurePlacement
    {
        /// <summary>Subscriptions - List Locations (learn.microsoft.com/rest/api/resources/subscriptions/list-locations).</summary>
        public const string LocationsApiVersion = "2022-12-01";

        private readonly AzureConnection connection;
        private readonly AzureCatalog catalog;
        private readonly LookupCache<IReadOnlyList<string>> locations = new(StringComparer.Ordinal);

        public AzurePlacement(AzureConnection connection, AzureCatalog catalog)
        {
            this.connection = connection;
            this.catalog = catalog;
        }

        /// <summary>
        /// True when signing in needs no instance metadata service: a client secret in the manifest, or the managed
        /// identity endpoint of Azure Automation or App Service in the environment.
        /// </summary>
        private bool ResolvesWithoutMetadataService =>
            connection.Settings.ClientSecret != null
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MSI_ENDPOINT"));

        public async Task<PlacementResult> CheckAsync(PlacementRequest request, CancellationToken cancellationToken)
        {
            if (!ResolvesWithoutMetadataService)
                return PlacementResult.NotChecked("no clientSecret in the manifest and no managed identity endpoint in the environment; only apply asks the instance metadata service");
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var known = await LocationsAsync(cancellationToken).ConfigureAwait(false);
            if (!known.Contains(request.Region, StringComparer.OrdinalIgnoreCase))
                return PlacementResult.Found(request.Pools.Select(pool => ClosestNames.Problem(pool.Pool, PlacementField.Region, request.Region,
                    $"'{request.Region}' is not a location of subscription {connection.Subscription}", known)));

            var sizes = await catalog.SizesAsync(request.Region, cancellationToken).ConfigureAwait(false);
            var usable = sizes.Where(s => !s.Value.Restricted).Select(s => s.Key).ToList();
            var problems = new List<PlacementProblem>();
            foreach (var pool in request.Pools)
            {
                if (!sizes.TryGetValue(pool.ServerType, out var offer) || offer.Restricted)
                    problems.Add(ClosestNames.Problem(pool.Pool, PlacementField.ServerType, pool.ServerType,
                        $"server type '{pool.ServerType}' is not offered to this subscription in {request.Region}", usable));
                else if (pool.Zone is { } zone && !offer.Zones.Contains(zone, StringComparer.OrdinalIgnoreCase))
                    problems.Add(ClosestNames.Problem(pool.Pool, PlacementField.Zone, zone,
                        $"zone '{zone}' of {request.Region} has no {pool.ServerType}" + (offer.Zones.Count == 0 ? " (it has no zones there)" : ""), offer.Zones));
            }
            return PlacementResult.Found(problems);
        }

        /// <summary>The subscription's location names, asked once per provider instance.</summary>
        private Task<IReadOnlyList<string>> LocationsAsync(CancellationToken cancellationToken) =>
            locations.GetAsync("", () => connection.CallAsync<IReadOnlyList<string>>("list locations", async arm =>
            {
                var reader = new ArmReader(arm, connection.SubscriptionId);
                using var document = await reader.GetJsonAsync($"{connection.SubscriptionId}/locations", LocationsApiVersion, null, cancellationToken).ConfigureAwait(false);
                if (document is null || !document.RootElement.TryGetProperty("value", out var list) || list.ValueKind != JsonValueKind.Array) return Array.Empty<string>();
                return list.EnumerateArray()
                    .Select(l => l.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() ?? "" : "")
                    .Where(n => n.Length > 0).ToList();
            }, cancellationToken));
    }
}
