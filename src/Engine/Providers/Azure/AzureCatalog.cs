using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// Checks a pool's server type, zone and image before anything of the machine is created, with one Resource SKUs
    /// list per region and one image-versions list per image (both cached for the run). ARM would refuse them at the VM
    /// create anyway; asking first means the public IP and NIC are never made for a machine that cannot exist.
    /// </summary>
    internal sealed class AzureCatalog
    {
        private readonly AzureConnection connection;
        private readonly LookupCache<IReadOnlyDictionary<string, SizeOffer>> sizes = new(StringComparer.OrdinalIgnoreCase);
        private readonly LookupCache<IReadOnlyList<string>?> images = new(StringComparer.OrdinalIgnoreCase);

        public AzureCatalog(AzureConnection connection) => this.connection = connection;

        /// <summary>A VM size of a region: restricted when the subscription may not use it there; the zones that have it.</summary>
        internal sealed record SizeOffer(bool Restricted, IReadOnlyList<string> Zones);

        /// <summary>The region's VM sizes as the Resource SKUs list has them (one list per region and run).</summary>
        public Task<IReadOnlyDictionary<string, SizeOffer>> SizesAsync(string region, CancellationToken cancellationToken) =>
            sizes.GetAsync(region, () => ListSizesAsync(region, new ManifestFields(Region: region), cancellationToken));

        public async Task CheckAsync(MachineRequest request, AzureImage image, CancellationToken cancellationToken)
        {
            var fields = new ManifestFields(request.Region, request.ServerType, request.Image, request.Zone);
            var offers = await SizesAsync(request.Region, cancellationToken).ConfigureAwait(false);
            if (!offers.TryGetValue(request.ServerType, out var offer) || offer.Restricted)
                throw NotFound(request, $"server type '{request.ServerType}' is not offered to this subscription in {request.Region}", "fix the pool's serverType field (az vm list-skus --location " + request.Region + ")");
            if (request.Zone != null && !offer.Zones.Contains(request.Zone, StringComparer.OrdinalIgnoreCase))
                throw NotFound(request, $"zone '{request.Zone}' of {request.Region} has no {request.ServerType}", "fix the pool's zone field, or leave it out");

            var versions = await images.GetAsync(request.Region + "|" + image.Publisher + ":" + image.Offer + ":" + image.Sku,
                () => ListImageVersionsAsync(request.Region, image, fields, cancellationToken)).ConfigureAwait(false);
            if (versions is null || versions.Count == 0 || (!image.IsLatest && !versions.Contains(image.Version, StringComparer.OrdinalIgnoreCase)))
                throw NotFound(request, $"image '{image}' is not offered in {request.Region}", "fix the pool's image field (publisher:offer:sku:version; az vm image list)");
        }

        private CloudException NotFound(MachineRequest request, string problem, string remedy) =>
            CloudErrors.Create(ErrorIds.CloudNotFound, ErrorKind.NotFound, connection.Provider, $"check pool {request.Pool}", problem, remedy);

        private Task<IReadOnlyDictionary<string, SizeOffer>> ListSizesAsync(string region, ManifestFields fields, CancellationToken cancellationToken) =>
            connection.CallAsync<IReadOnlyDictionary<string, SizeOffer>>("list Resource SKUs in " + region, async arm =>
            {
                var reader = new ArmReader(arm, connection.SubscriptionId);
                using var document = await reader.GetJsonAsync($"{connection.SubscriptionId}/providers/Microsoft.Compute/skus", AzureApiVersions.ResourceSkus,
                    $"location eq '{region}'", cancellationToken).ConfigureAwait(false);
                var offers = new Dictionary<string, SizeOffer>(StringComparer.OrdinalIgnoreCase);
                if (document is null || !document.RootElement.TryGetProperty("value", out var list)) return offers;
                foreach (var sku in list.EnumerateArray())
                {
                    if (Text(sku, "resourceType") != "virtualMachines" || Text(sku, "name") is not { } name) continue;
                    var restricted = sku.TryGetProperty("restrictions", out var restrictions) && restrictions.EnumerateArray()
                        .Any(r => Text(r, "type") == "Location" && Text(r, "reasonCode") == "NotAvailableForSubscription");
                    var zones = sku.TryGetProperty("locationInfo", out var info)
                        ? info.EnumerateArray().Where(l => string.Equals(Text(l, "location"), region, StringComparison.OrdinalIgnoreCase))
                            .SelectMany(l => l.TryGetProperty("zones", out var z) ? z.EnumerateArray().Select(e => e.GetString() ?? "") : Enumerable.Empty<string>()).ToList()
                        : new List<string>();
                    offers[name] = new SizeOffer(restricted, zones);
                }
                return offers;
            }, cancellationToken, fields);

        private Task<IReadOnlyList<string>?> ListImageVersionsAsync(string region, AzureImage image, ManifestFields fields, CancellationToken cancellationToken) =>
            connection.CallAsync<IReadOnlyList<string>?>($"list image versions of {image}", async arm =>
            {
                var reader = new ArmReader(arm, connection.SubscriptionId);
                var path = $"{connection.SubscriptionId}/providers/Microsoft.Compute/locations/{region}/publishers/{image.Publisher}/artifacttypes/vmimage/offers/{image.Offer}/skus/{image.Sku}/versions";
                using var document = await reader.GetJsonAsync(path, AzureApiVersions.Compute, null, cancellationToken).ConfigureAwait(false);
                if (document is null || document.RootElement.ValueKind != JsonValueKind.Array) return null;
                return document.RootElement.EnumerateArray().Select(v => Text(v, "name")).OfType<string>().ToList();
            }, cancellationToken, fields);

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
