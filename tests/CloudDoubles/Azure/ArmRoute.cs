namespace MultiCloud.CloudDoubles.Azure;

internal enum RouteKind { Unknown, Subscription, Locations, GroupList, Group, GroupResources, Resources, Skus, ImageVersions, Operation, Resource, RecordSetList }

/// <summary>
/// An ARM request path taken apart: <c>/subscriptions/{s}/resourceGroups/{g}/providers/{namespace}/{type}/{name}[/{type}/{name}]</c>
/// and the subscription-level lists and operation URLs. Also names the operation (for FailurePlan and the call log:
/// "PUT virtualMachines", "DELETE resourceGroups", "PUT dnsZones/A") and the RBAC action ARM would check.
/// </summary>
internal sealed record ArmRoute
{
    public RouteKind Kind { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public string? Subscription { get; init; }
    public string? Group { get; init; }
    public string Namespace { get; init; } = "Microsoft.Resources";
    public IReadOnlyList<string> Types { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();
    public string? Location { get; init; }
    public string? OperationId { get; init; }
    public bool OperationResult { get; init; }
    public IReadOnlyList<string> Image { get; init; } = Array.Empty<string>();

    /// <summary>"Microsoft.Compute/virtualMachines", "Microsoft.Network/dnsZones/A", "Microsoft.Resources/resourceGroups".</summary>
    public string ResourceType => Kind switch
    {
        RouteKind.Resource or RouteKind.RecordSetList => Namespace + "/" + string.Join("/", Types),
        RouteKind.Group or RouteKind.GroupList => "Microsoft.Resources/resourceGroups",
        RouteKind.Skus => "Microsoft.Compute/skus",
        RouteKind.Locations => "Microsoft.Resources/subscriptions/locations",
        RouteKind.ImageVersions => "Microsoft.Compute/locations/publishers/artifacttypes/offers/skus/versions",
        _ => "Microsoft.Resources/resources",
    };

    public string Operation => Kind switch
    {
        RouteKind.Resource => $"{Method} {(Types.Count > 1 ? Types[0] + "/" + Types[^1] : Types[0])}",
        RouteKind.RecordSetList => "GET recordsets",
        RouteKind.Group or RouteKind.GroupList => Method + " resourceGroups",
        RouteKind.Skus => "GET skus",
        RouteKind.ImageVersions => "GET imageVersions",
        RouteKind.Operation => "GET operations",
        RouteKind.Subscription => "GET subscriptions",
        RouteKind.Locations => "GET locations",
        _ => Method + " resources",
    };

    public string Action => ResourceType + "/" + (Method switch { "GET" => "read", "DELETE" => "delete", _ => "write" });

    public string Scope => Path.TrimEnd('/');

    public static ArmRoute Parse(string path, string method)
    {
        var s = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        bool Is(int index, string text) => s.Length > index && string.Equals(s[index], text, StringComparison.OrdinalIgnoreCase);
        var route = new ArmRoute { Method = method.ToUpperInvariant(), Path = "/" + string.Join('/', s) };
        if (!Is(0, "subscriptions") || s.Length < 2) return route;
        route = route with { Subscription = s[1] };
        if (s.Length == 2) return route with { Kind = RouteKind.Subscription };
        if (Is(2, "resources") && s.Length == 3) return route with { Kind = RouteKind.Resources };
        if (Is(2, "locations") && s.Length == 3) return route with { Kind = RouteKind.Locations };
        if (Is(2, "operationresults") && s.Length == 4) return route with { Kind = RouteKind.Operation, OperationId = s[3], OperationResult = true };
        if (Is(2, "resourcegroups"))
        {
            if (s.Length == 3) return route with { Kind = RouteKind.GroupList };
            route = route with { Group = s[3] };
            if (s.Length == 4) return route with { Kind = RouteKind.Group };
            if (s.Length == 5 && Is(4, "resources")) return route with { Kind = RouteKind.GroupResources };
            if (s.Length >= 8 && Is(4, "providers"))
            {
                var rest = s.Skip(6).ToArray();
                var listsRecordSets = rest.Length == 3 && string.Equals(rest[2], "recordsets", StringComparison.OrdinalIgnoreCase);
                if (rest.Length % 2 != 0 && !listsRecordSets) return route;
                var types = rest.Where((_, i) => i % 2 == 0).ToArray();
                var names = rest.Where((_, i) => i % 2 == 1).ToArray();
                return route with { Kind = listsRecordSets ? RouteKind.RecordSetList : RouteKind.Resource, Namespace = s[5], Types = types, Names = names };
            }
            return route;
        }
        if (Is(2, "providers") && s.Length >= 5)
        {
            route = route with { Namespace = s[3] };
            if (s.Length == 5 && Is(4, "skus")) return route with { Kind = RouteKind.Skus };
            if (s.Length == 8 && Is(4, "locations") && (Is(6, "operations") || Is(6, "operationResults")))
                return route with { Kind = RouteKind.Operation, Location = s[5], OperationId = s[7], OperationResult = Is(6, "operationResults") };
            if (s.Length == 15 && Is(4, "locations") && Is(6, "publishers") && Is(14, "versions"))
                return route with { Kind = RouteKind.ImageVersions, Location = s[5], Image = new[] { s[7], s[11], s[13] } };
        }
        return route;
    }
}

/// <summary>The API versions the double accepts per resource type, as listed in each REST reference; others are refused like ARM refuses them.</summary>
internal static class ArmApiVersions
{
    private static readonly string[] Resources = { "2021-04-01", "2022-09-01", "2023-07-01", "2024-03-01", "2024-07-01", "2024-11-01", "2025-03-01", "2025-04-01" };
    private static readonly string[] Network = { "2023-09-01", "2023-11-01", "2024-01-01", "2024-03-01", "2024-05-01", "2024-07-01", "2024-10-01" };
    private static readonly string[] Compute = { "2023-09-01", "2024-03-01", "2024-07-01", "2024-11-01", "2025-04-01" };
    private static readonly string[] Disks = { "2023-04-02", "2023-10-02", "2024-03-02", "2025-01-02" };
    private static readonly string[] Skus = { "2019-04-01", "2021-07-01" };
    private static readonly string[] Locations = { "2016-06-01", "2020-01-01", "2021-01-01", "2022-12-01" };
    private static readonly string[] Dns = { "2018-05-01", "2023-07-01-preview" };

    public static IReadOnlyCollection<string>? For(ArmRoute route) => route.Kind switch
    {
        RouteKind.Skus => Skus,
        RouteKind.Locations => Locations,
        RouteKind.ImageVersions => Compute,
        RouteKind.Resource or RouteKind.RecordSetList => route.ResourceType.ToLowerInvariant() switch
        {
            "microsoft.network/virtualnetworks" or "microsoft.network/networksecuritygroups" or "microsoft.network/publicipaddresses" or "microsoft.network/networkinterfaces" => Network,
            "microsoft.compute/virtualmachines" => Compute,
            "microsoft.compute/disks" => Disks,
            "microsoft.network/dnszones" or "microsoft.network/dnszones/a" or "microsoft.network/dnszones/aaaa" or "microsoft.network/dnszones/recordsets" => Dns,
            _ => null,
        },
        _ => Resources,
    };
}
