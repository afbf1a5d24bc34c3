using System.Text.Json.Nodes;

namespace MultiCloud.CloudDoubles.Hetzner;

/// <summary>The fixed part of the double's project: server types, locations, data centers and images, as the real API lists them.</summary>
public static class HetznerCatalog
{
    /// <summary>A server type; <paramref name="OfferedIn"/> names the locations that have it (null: every location).</summary>
    public sealed record ServerType(long Id, string Name, int Cores, double Memory, int Disk, IReadOnlyList<string>? OfferedIn = null);

    public sealed record Location(long Id, string Name, string City, string NetworkZone);

    public sealed record Image(long Id, string Name, string OsFlavor, string OsVersion);

    public static readonly IReadOnlyList<ServerType> ServerTypes = new[]
    {
        new ServerType(22, "cx22", 2, 4, 40),
        new ServerType(23, "cx32", 4, 8, 80),
        new ServerType(24, "cx42", 8, 16, 160),
        new ServerType(1, "cpx11", 2, 2, 40, new[] { "fsn1", "nbg1" }),
        new ServerType(3, "cpx21", 3, 4, 80),
    };

    public static readonly IReadOnlyList<Location> Locations = new[]
    {
        new Location(1, "fsn1", "Falkenstein", "eu-central"),
        new Location(2, "nbg1", "Nuremberg", "eu-central"),
        new Location(3, "hel1", "Helsinki", "eu-central"),
    };

    /// <summary>Data centers by location: "&lt;location&gt;-dc&lt;n&gt;".</summary>
    public static readonly IReadOnlyDictionary<string, string> Datacenters = new Dictionary<string, string>
    {
        ["fsn1-dc14"] = "fsn1",
        ["nbg1-dc3"] = "nbg1",
        ["hel1-dc2"] = "hel1",
    };

    public static readonly IReadOnlyList<Image> Images = new[]
    {
        new Image(161547269, "ubuntu-24.04", "ubuntu", "24.04"),
        new Image(67794396, "ubuntu-22.04", "ubuntu", "22.04"),
        new Image(114690387, "debian-12", "debian", "12"),
    };

    /// <summary>A server type as GET /server_types lists it, with the per-location list the API has had since September 2025.</summary>
    public static JsonObject Json(ServerType type) => new()
    {
        ["id"] = type.Id, ["name"] = type.Name, ["cores"] = type.Cores, ["memory"] = type.Memory, ["disk"] = type.Disk,
        ["storage_type"] = "local", ["cpu_type"] = "shared", ["architecture"] = "x86", ["deprecation"] = null,
        ["locations"] = new JsonArray(Locations.Where(l => Offers(type, l.Name))
            .Select(l => (JsonNode)new JsonObject { ["id"] = l.Id, ["name"] = l.Name, ["deprecation"] = null }).ToArray()),
    };

    public static bool Offers(ServerType type, string location) => type.OfferedIn is null || type.OfferedIn.Contains(location);

    public static JsonObject Json(Location location) => new()
    {
        ["id"] = location.Id, ["name"] = location.Name, ["city"] = location.City, ["country"] = location.Name == "hel1" ? "FI" : "DE",
        ["network_zone"] = location.NetworkZone,
    };

    public static JsonObject DatacenterJson(string name) => new()
    {
        ["id"] = Math.Abs(name.GetHashCode(StringComparison.Ordinal)) % 1000, ["name"] = name,
        ["location"] = Json(Locations.Single(l => l.Name == Datacenters[name])),
    };

    public static JsonObject Json(Image image) => new()
    {
        ["id"] = image.Id, ["name"] = image.Name, ["type"] = "system", ["status"] = "available", ["os_flavor"] = image.OsFlavor,
        ["os_version"] = image.OsVersion, ["architecture"] = "x86",
    };

    /// <summary>The default data center of a location (where a server created with "location" lands).</summary>
    public static string DatacenterOf(string location) => Datacenters.First(d => d.Value == location).Key;
}
