using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>get, list, watch, create, update, patch, delete and deletecollection of one resource request.</summary>
public sealed class ResourceHandler
{
    private static readonly ResourceType NamespaceType = BuiltinResources.All.Single(t => t.Kind == "Namespace");
    private readonly ObjectStore _store;
    private readonly ResourceCatalog _catalog;
    private readonly ServiceIps _serviceIps;

    public ResourceHandler(ObjectStore store, ResourceCatalog catalog, ServiceIps serviceIps)
    {
        _store = store;
        _catalog = catalog;
        _serviceIps = serviceIps;
    }

    public static string Verb(HttpRequest request, ApiRequest api) => request.Method switch
    {
        "GET" when api.Name == null => IsWatch(request) ? "watch" : "list",
        "GET" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when api.Name == null => "deletecollection",
        "DELETE" => "delete",
        _ => throw new ApiError(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource"),
    };

    private static bool IsWatch(HttpRequest request) => request.Query["watch"].ToString() is "true" or "1";

    public async Task<(int Code, JsonNode? Body)> HandleAsync(HttpContext context, ResourceType type, ApiRequest api, string verb, CancellationToken ct)
    {
        var request = context.Request;
        if (api.Subresource == "eviction")
            return (201, await Eviction.EvictAsync(_store, _catalog, api.Namespace!, api.Name!, await ReadBodyAsync(request, ct), ct));
        switch (verb)
        {
            case "get":
                var obj = await _store.GetAsync(type, api.Namespace, api.Name!, ct) ?? throw ApiError.NotFound(type, api.Name!);
                return (200, Tables.Wanted(request.Headers.Accept.ToString()) ? Tables.From(type, new[] { obj }, "") : obj);
            case "list":
                return (200, await ListAsync(type, api, request, ct));
            case "create":
                var body = (JsonObject)(await ReadBodyAsync(request, ct) ?? new JsonObject());
                if (type.Kind == "CertificateSigningRequest" && context.Items[typeof(ApiUser)] is ApiUser requester)
                {
                    // As the real API: who asked is recorded by the server, not taken from the body.
                    var spec = (JsonObject)(body["spec"] ??= new JsonObject());
                    spec["username"] = requester.Name;
                    spec["groups"] = new JsonArray(requester.Groups.Select(g => (JsonNode)g).ToArray());
                }
                return (201, await CreateAsync(type, api.Namespace, body, ct));
            case "update":
                return (200, await UpdateAsync(type, api, (JsonObject)(await ReadBodyAsync(request, ct) ?? new JsonObject()), ct));
            case "patch":
                return await PatchAsync(type, api, request, ct);
            case "delete":
                return (200, await DeleteAsync(type, api.Namespace, api.Name!, ct));
            case "deletecollection":
                var (items, _) = await FilteredListAsync(type, api.Namespace, request, ct);
                foreach (var item in items) await DeleteAsync(type, api.Namespace ?? Ns(item), item["metadata"]!["name"]!.GetValue<string>(), ct);
                return (200, ApiError.Status(200, "", ""));
            default:
                throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
    }

    private static string? Ns(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>();

    public static async Task<JsonNode?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        if (text.Length == 0) return null;
        var contentType = request.ContentType ?? "";
        if (contentType.Contains("protobuf", StringComparison.Ordinal))
            throw new ApiError(415, "UnsupportedMediaType", "the lab's kube-apiserver test double accepts JSON and YAML bodies only, not protobuf (kubectl create <generator> sends protobuf: use kubectl create -f / apply)");
        try
        {
            return contentType.Contains("yaml", StringComparison.Ordinal) ? Common.YamlJson.Documents(text).FirstOrDefault() : JsonNode.Parse(text);
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or FormatException)
        {
            throw ApiError.BadRequest($"the object provided is unrecognized (must be of type JSON or YAML): {error.Message}");
        }
    }

    private async Task<(List<JsonObject> Items, long Revision)> FilteredListAsync(ResourceType type, string? ns, HttpRequest request, CancellationToken ct)
    {
        var labels = Selectors.Labels(request.Query["labelSelector"]);
        var fields = Selectors.Fields(type, request.Query["fieldSelector"]);
        var (items, revision) = await _store.ListAsync(type, ns, ct);
        return (items.Where(i => labels(i) && fields(i)).ToList(), revision);
    }

    private async Task<JsonNode> ListAsync(ResourceType type, ApiRequest api, HttpRequest request, CancellationToken ct)
    {
        var (items, revision) = await FilteredListAsync(type, api.Namespace, request, ct);
        if (Tables.Wanted(request.Headers.Accept.ToString())) return Tables.From(type, items, revision.ToString());
        return new JsonObject
        {
            ["kind"] = type.ListKind, ["apiVersion"] = type.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString() },
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        };
    }

    public async Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject obj, CancellationToken ct)
    {
        if (type.Namespaced && ns == null) throw ApiError.BadRequest("the server could not find the requested resource");
        if (ns != null && Ns(obj) is { } bodyNs && bodyNs != ns)
            throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        if (ns != null && await _store.GetAsync(NamespaceType, null, ns, ct) == null) throw ApiError.NotFound(NamespaceType, ns);
        Admission.DefaultOnCreate(type, obj, ns);
        var name = obj["metadata"]!["name"]?.GetValue<string>() ?? "";
        var errors = Admission.Validate(type, obj, null);
        if (errors.Count > 0) throw ApiError.Invalid(type, name, errors);
        if (type.Kind == "Service") await _serviceIps.AssignAsync(obj, ct);
        return await _store.CreateAsync(type, ns, name, obj, ct);
    }

    private async Task<JsonObject> UpdateAsync(ResourceType type, ApiRequest api, JsonObject obj, CancellationToken ct)
    {
        var name = api.Name!;
        if (obj["metadata"]?["name"]?.GetValue<string>() is { } bodyName && bodyName != name)
            throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        var old = await _store.GetAsync(type, api.Namespace, name, ct) ?? throw ApiError.NotFound(type, name);
        var oldRv = long.Parse(old["metadata"]!["resourceVersion"]!.GetValue<string>());
        var given = obj["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(given) && given != oldRv.ToString()) throw ApiError.Conflict(type, name);
        return await WriteUpdateAsync(type, api, old, obj, oldRv, ct);
    }

    private async Task<JsonObject> WriteUpdateAsync(ResourceType type, ApiRequest api, JsonObject old, JsonObject updated, long oldRv, CancellationToken ct)
    {
        Admission.CarryOver(type, updated, old, api.Subresource);
        var errors = Admission.Validate(type, updated, old);
        if (errors.Count > 0) throw ApiError.Invalid(type, api.Name!, errors);
        return await _store.UpdateAsync(type, api.Namespace, api.Name!, updated, oldRv, ct);
    }

    private async Task<(int, JsonNode?)> PatchAsync(ResourceType type, ApiRequest api, HttpRequest request, CancellationToken ct)
    {
        var contentType = (request.ContentType ?? "").Split(';')[0].Trim();
        var patch = await ReadBodyAsync(request, ct);
        for (var attempt = 0; ; attempt++)
        {
            var old = await _store.GetAsync(type, api.Namespace, api.Name!, ct);
            if (old == null && contentType != "application/apply-patch+yaml") throw ApiError.NotFound(type, api.Name!);
            try
            {
                if (old == null)
                {
                    var applied = ServerSideApply.Apply(null, (JsonObject)patch!, Manager(request), type.GroupVersion);
                    return (201, await CreateAsync(type, api.Namespace, applied, ct));
                }
                var oldRv = long.Parse(old["metadata"]!["resourceVersion"]!.GetValue<string>());
                var patched = contentType switch
                {
                    "application/merge-patch+json" => Patches.MergePatch(old, patch),
                    "application/strategic-merge-patch+json" => Patches.StrategicMerge(old, patch, BuiltinResources.All.Contains(type)),
                    "application/json-patch+json" => Patches.JsonPatch(old, patch as JsonArray ?? throw ApiError.BadRequest("json patch must be an array")),
                    "application/apply-patch+yaml" => ServerSideApply.Apply(old, (JsonObject)patch!, Manager(request), type.GroupVersion),
                    _ => throw new ApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"),
                } as JsonObject ?? throw ApiError.BadRequest("patch result is not an object");
                var patchedRv = patched["metadata"]?["resourceVersion"]?.GetValue<string>();
                if (patchedRv != null && patchedRv != oldRv.ToString()) throw ApiError.Conflict(type, api.Name!);
                return (200, await WriteUpdateAsync(type, api, old, patched, oldRv, ct));
            }
            catch (ApiError error) when (error.Reason == "Conflict" && attempt < 5 && (patch as JsonObject)?["metadata"]?["resourceVersion"] == null)
            {
                // A patch without a precondition is retried on a fresh copy, as the real API does.
            }
        }
    }

    private static string Manager(HttpRequest request)
    {
        var manager = request.Query["fieldManager"].ToString();
        if (manager.Length == 0) throw ApiError.BadRequest("PATCH /apply requests require fieldManager to be set");
        return manager;
    }

    public async Task<JsonNode> DeleteAsync(ResourceType type, string? ns, string name, CancellationToken ct)
    {
        var old = await _store.GetAsync(type, ns, name, ct) ?? throw ApiError.NotFound(type, name);
        await _store.DeleteAsync(type, ns, name, long.Parse(old["metadata"]!["resourceVersion"]!.GetValue<string>()), ct);
        if (type.Kind == "Namespace") await DeleteNamespaceContentsAsync(name, ct);
        // Pods and namespaces answer with the object (their deletion is graceful in a real cluster), the rest with Status.
        return type.Kind is "Pod" or "Namespace" ? old : ApiError.Status(200, "", "", new JsonObject { ["name"] = name, ["kind"] = type.Plural, ["uid"] = old["metadata"]?["uid"]?.DeepClone() });
    }

    // Stands in for the namespace controller: a deleted namespace's objects go with it, at once.
    private async Task DeleteNamespaceContentsAsync(string ns, CancellationToken ct)
    {
        foreach (var type in (await _catalog.AllAsync(ct)).Where(t => t.Namespaced))
        {
            var (items, _) = await _store.ListAsync(type, ns, ct);
            foreach (var item in items)
            {
                try { await DeleteAsync(type, ns, item["metadata"]!["name"]!.GetValue<string>(), ct); }
                catch (ApiError) { }
            }
        }
    }
}
