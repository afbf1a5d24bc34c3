using System.Text;
using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>Objects as JSON in etcd under kube-apiserver's key layout; resourceVersion is etcd's mod revision.</summary>
public sealed class ObjectStore
{
    private readonly EtcdClient _etcd;

    public ObjectStore(EtcdClient etcd) => _etcd = etcd;

    public EtcdClient Etcd => _etcd;

    public async Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken ct)
    {
        var kv = await _etcd.GetAsync(type.Key(ns, name), ct);
        return kv == null ? null : Decode(kv);
    }

    public async Task<(List<JsonObject> Items, long Revision)> ListAsync(ResourceType type, string? ns, CancellationToken ct)
    {
        var (kvs, revision) = await _etcd.RangeAsync(type.ListPrefix(ns), prefix: true, ct);
        var items = kvs.Where(kv => IsDirectChild(type, ns, kv.Key)).Select(Decode).ToList();
        return (items, revision);
    }

    // A prefix like /registry/services/specs/ holds only services; /registry/pods/ns/ only that namespace's pods.
    private static bool IsDirectChild(ResourceType type, string? ns, string key)
    {
        var rest = key[type.ListPrefix(ns).Length..];
        var depth = type.Namespaced && ns == null ? 2 : 1;
        return rest.Split('/').Length == depth;
    }

    public static JsonObject Decode(KeyValue kv)
    {
        var obj = (JsonObject)JsonNode.Parse(kv.Value)!;
        var meta = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = meta;
        meta["resourceVersion"] = kv.ModRevision.ToString();
        return obj;
    }

    /// <summary>Creates the object; throws AlreadyExists when its key is taken.</summary>
    public async Task<JsonObject> CreateAsync(ResourceType type, string? ns, string name, JsonObject obj, CancellationToken ct)
    {
        var revision = await _etcd.CompareAndPutAsync(type.Key(ns, name), Encode(obj), 0, ct)
            ?? throw ApiError.AlreadyExists(type, name);
        return WithVersion(obj, revision);
    }

    /// <summary>Replaces the object if it is still at <paramref name="modRevision"/>; throws Conflict otherwise.</summary>
    public async Task<JsonObject> UpdateAsync(ResourceType type, string? ns, string name, JsonObject obj, long modRevision, CancellationToken ct)
    {
        var revision = await _etcd.CompareAndPutAsync(type.Key(ns, name), Encode(obj), modRevision, ct)
            ?? throw ApiError.Conflict(type, name);
        return WithVersion(obj, revision);
    }

    public async Task DeleteAsync(ResourceType type, string? ns, string name, long modRevision, CancellationToken ct)
    {
        if (!await _etcd.CompareAndDeleteAsync(type.Key(ns, name), modRevision, ct)) throw ApiError.Conflict(type, name);
    }

    private static byte[] Encode(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (copy["metadata"] is JsonObject meta) meta.Remove("resourceVersion");
        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    private static JsonObject WithVersion(JsonObject obj, long revision)
    {
        ((JsonObject)obj["metadata"]!)["resourceVersion"] = revision.ToString();
        return obj;
    }
}
