using System.Text.Json.Nodes;

namespace MultiCloud.CloudDoubles.Azure;

/// <summary>A VM size the double offers: its vCPUs (for the core quota) and the availability zones that have it.</summary>
public sealed record VmSize(string Name, int Cores, IReadOnlyList<string> Zones);

/// <summary>
/// What the ARM double's Azure offers: regions, VM sizes (Resource SKUs), marketplace images with their versions.
/// Tests change it (a size restricted for the subscription, a missing image) before a run.
/// </summary>
public sealed class ArmCatalog
{
    private static readonly string[] ThreeZones = { "1", "2", "3" };

    public HashSet<string> Locations { get; } = new(StringComparer.OrdinalIgnoreCase) { "westeurope", "northeurope", "germanywestcentral" };

    public Dictionary<string, VmSize> Sizes { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Standard_B1s"] = new("Standard_B1s", 1, ThreeZones),
        ["Standard_B2s"] = new("Standard_B2s", 2, ThreeZones),
        ["Standard_D2s_v5"] = new("Standard_D2s_v5", 2, ThreeZones),
        ["Standard_D4s_v5"] = new("Standard_D4s_v5", 4, ThreeZones),
    };

    /// <summary>Sizes listed but not available to subscriptions in a region (Resource SKUs restriction NotAvailableForSubscription).</summary>
    public HashSet<(string Location, string Size)> Restricted { get; } = new();

    /// <summary>"publisher:offer:sku" → versions.</summary>
    public Dictionary<string, List<string>> Images { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Canonical:ubuntu-24_04-lts:server"] = new() { "24.04.202411030", "24.04.202412040" },
        ["Debian:debian-12:12"] = new() { "0.20241201.1948" },
    };

    /// <summary>Size of the images' OS disk; a smaller requested disk is refused, as Azure does.</summary>
    public int ImageDiskSizeGb { get; set; } = 30;

    internal bool IsRestricted(string location, string size) => Restricted.Contains((location.ToLowerInvariant(), size)) || Restricted.Contains((location, size));

    internal bool HasImage(string publisher, string offer, string sku, string version) =>
        Images.TryGetValue($"{publisher}:{offer}:{sku}", out var versions)
        && (string.Equals(version, "latest", StringComparison.OrdinalIgnoreCase) || versions.Contains(version, StringComparer.OrdinalIgnoreCase));

    /// <summary>The Resource SKUs list (Microsoft.Compute/skus) for one location, VM sizes only.</summary>
    internal JsonObject SkusJson(string? location)
    {
        var items = new List<JsonNode>();
        foreach (var region in Locations.Where(l => location is null || string.Equals(l, location, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var size in Sizes.Values)
            {
                var restrictions = new JsonArray();
                if (IsRestricted(region, size.Name))
                    restrictions.Add(new JsonObject { ["type"] = "Location", ["values"] = new JsonArray(region), ["reasonCode"] = "NotAvailableForSubscription" });
                items.Add(new JsonObject
                {
                    ["resourceType"] = "virtualMachines",
                    ["name"] = size.Name,
                    ["tier"] = "Standard",
                    ["size"] = size.Name.Replace("Standard_", "", StringComparison.Ordinal),
                    ["locations"] = new JsonArray(region),
                    ["locationInfo"] = new JsonArray(new JsonObject { ["location"] = region, ["zones"] = new JsonArray(size.Zones.Select(z => (JsonNode)z).ToArray()) }),
                    ["capabilities"] = new JsonArray(new JsonObject { ["name"] = "vCPUs", ["value"] = size.Cores.ToString() }),
                    ["restrictions"] = restrictions,
                });
            }
        }
        return new JsonObject { ["value"] = new JsonArray(items.ToArray()) };
    }

    /// <summary>
    /// Subscriptions - List Locations (GET /subscriptions/{s}/locations, api-version 2022-12-01): the physical regions,
    /// as ARM lists them (name, displayName, regionalDisplayName, type "Region").
    /// </summary>
    internal JsonObject LocationsJson(string subscription) => new()
    {
        ["value"] = new JsonArray(Locations.OrderBy(l => l, StringComparer.Ordinal).Select(l => (JsonNode)new JsonObject
        {
            ["id"] = $"/subscriptions/{subscription}/locations/{l}",
            ["type"] = "Region",
            ["name"] = l,
            ["displayName"] = l,
            ["regionalDisplayName"] = "(Europe) " + l,
            ["metadata"] = new JsonObject { ["regionType"] = "Physical", ["regionCategory"] = "Recommended", ["geographyGroup"] = "Europe" },
        }).ToArray()),
    };

    /// <summary>Virtual Machine Images - List: the versions of one publisher/offer/sku; null when Azure answers 404.</summary>
    internal JsonArray? ImageVersionsJson(string subscription, string location, string publisher, string offer, string sku)
    {
        if (!Locations.Contains(location) || !Images.TryGetValue($"{publisher}:{offer}:{sku}", out var versions)) return null;
        return new JsonArray(versions.Select(v => (JsonNode)new JsonObject
        {
            ["location"] = location,
            ["name"] = v,
            ["id"] = $"/Subscriptions/{subscription}/Providers/Microsoft.Compute/Locations/{location}/Publishers/{publisher}/ArtifactTypes/VMImage/Offers/{offer}/Skus/{sku}/Versions/{v}",
        }).ToArray());
    }
}
