using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>The built-in kinds plus every established CustomResourceDefinition, re-read from etcd at most once a second
/// so that all API server instances see a CRD as soon as any of them created it.</summary>
public sealed class ResourceCatalog
{
    private static readonly ResourceType CrdType = BuiltinResources.All.Single(t => t.Kind == "CustomResourceDefinition");
    private readonly ObjectStore _store;
    private IReadOnlyList<ResourceType> _all = BuiltinResources.All;
    private DateTime _readAt = DateTime.MinValue;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public ResourceCatalog(ObjectStore store) => _store = store;

    public async Task<IReadOnlyList<ResourceType>> AllAsync(CancellationToken ct, bool fresh = false)
    {
        if (!fresh && DateTime.UtcNow - _readAt < TimeSpan.FromSeconds(1)) return _all;
        await _lock.WaitAsync(ct);
        try
        {
            var (crds, _) = await _store.ListAsync(CrdType, null, ct);
            _all = BuiltinResources.All.Concat(crds.SelectMany(FromCrd)).ToList();
            _readAt = DateTime.UtcNow;
            return _all;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<ResourceType?> FindAsync(string group, string version, string plural, CancellationToken ct)
    {
        bool Match(ResourceType t) => t.Group == group && t.Version == version && t.Plural == plural;
        return (await AllAsync(ct)).FirstOrDefault(Match) ?? (await AllAsync(ct, fresh: true)).FirstOrDefault(Match);
    }

    public static IEnumerable<ResourceType> FromCrd(JsonObject crd)
    {
        var spec = crd["spec"]!;
        var group = spec["group"]!.GetValue<string>();
        var names = spec["names"]!;
        var plural = names["plural"]!.GetValue<string>();
        var kind = names["kind"]!.GetValue<string>();
        var singular = names["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant();
        var shortNames = (names["shortNames"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToArray() ?? Array.Empty<string>();
        var namespaced = spec["scope"]?.GetValue<string>() != "Cluster";
        foreach (var version in (spec["versions"] as JsonArray ?? new JsonArray()).Select(v => v!))
        {
            if (version["served"]?.GetValue<bool>() == false) continue;
            var hasStatus = version["subresources"]?["status"] != null;
            yield return new ResourceType(group, version["name"]!.GetValue<string>(), kind, plural, singular, namespaced, shortNames,
                $"/registry/{group}/{plural}/", hasStatus);
        }
    }
}
