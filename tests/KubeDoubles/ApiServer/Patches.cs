using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>
/// The four PATCH content types: JSON merge patch (RFC 7386), JSON patch (RFC 6902), strategic merge patch (lists
/// merged by the merge keys of the built-in types; $patch, $retainKeys, $deleteFromPrimitiveList and
/// $setElementOrder directives) and server-side apply (see <see cref="ServerSideApply"/>).
/// </summary>
public static class Patches
{
    // patchMergeKey of the list fields of the built-in types kubectl patches; lists not named here are replaced.
    private static readonly Dictionary<string, string> MergeKeys = new()
    {
        ["containers"] = "name", ["initContainers"] = "name", ["ephemeralContainers"] = "name", ["env"] = "name",
        ["volumes"] = "name", ["volumeMounts"] = "mountPath", ["volumeDevices"] = "devicePath", ["conditions"] = "type",
        ["imagePullSecrets"] = "name", ["ownerReferences"] = "uid", ["addresses"] = "type", ["hostAliases"] = "ip",
        ["ports"] = "containerPort",
    };

    // Primitive lists with patchStrategy "merge".
    private static readonly HashSet<string> MergedPrimitiveLists = new() { "finalizers" };

    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObj) return patch?.DeepClone();
        var result = target as JsonObject is { } t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObj)
        {
            if (value is null) result.Remove(key);
            else result[key] = MergePatch(result[key], value);
        }
        return result;
    }

    public static JsonNode? StrategicMerge(JsonNode? target, JsonNode? patch, bool builtin)
    {
        if (!builtin) return MergePatch(target, patch);
        if (patch is not JsonObject patchObj) return patch?.DeepClone();
        if (patchObj["$patch"]?.GetValue<string>() == "replace")
        {
            var replaced = (JsonObject)patchObj.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }
        var result = target as JsonObject is { } t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObj)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) || key == "$retainKeys") continue;
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                    result[field] = new JsonArray(list.Where(i => !remove.Any(r => JsonNode.DeepEquals(r, i))).Select(i => i?.DeepClone()).ToArray());
                continue;
            }
            if (value is null) { result.Remove(key); continue; }
            if (value is JsonObject { } sub && sub["$patch"]?.GetValue<string>() == "delete") { result.Remove(key); continue; }
            if (value is JsonArray array) { result[key] = MergeList(key, result[key] as JsonArray, array); continue; }
            result[key] = StrategicMerge(result[key], value, true);
        }
        if (patchObj["$retainKeys"] is JsonArray keep)
        {
            var names = keep.Select(k => k!.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !names.Contains(k)).ToList()) result.Remove(key);
        }
        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? current, JsonArray patch)
    {
        if (MergedPrimitiveLists.Contains(field))
        {
            var merged = current?.Select(i => i?.DeepClone()).ToList() ?? new List<JsonNode?>();
            foreach (var item in patch.Where(i => !merged.Any(m => JsonNode.DeepEquals(m, i)))) merged.Add(item?.DeepClone());
            return new JsonArray(merged.ToArray());
        }
        if (!MergeKeys.TryGetValue(field, out var mergeKey) || patch.Any(i => i is JsonObject o && o[mergeKey] == null && o["$patch"] == null))
            return (JsonArray)patch.DeepClone();
        if (patch.Any(i => i is JsonObject o && o["$patch"]?.GetValue<string>() == "replace"))
            return new JsonArray(patch.Where(i => i?["$patch"] == null).Select(i => i?.DeepClone()).ToArray());
        var items = current?.Select(i => i?.DeepClone()).ToList() ?? new List<JsonNode?>();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var key = item[mergeKey];
            var index = items.FindIndex(i => JsonNode.DeepEquals(i?[mergeKey], key));
            if (item["$patch"]?.GetValue<string>() == "delete")
            {
                if (index >= 0) items.RemoveAt(index);
            }
            else if (index >= 0)
            {
                items[index] = StrategicMerge(items[index], item, true);
            }
            else
            {
                items.Add(item.DeepClone());
            }
        }
        return new JsonArray(items.ToArray());
    }

    /// <summary>RFC 6902 operations; a failing "test" or a missing path is a 422 like the real API's.</summary>
    public static JsonNode? JsonPatch(JsonNode? target, JsonArray operations)
    {
        var doc = target?.DeepClone();
        foreach (var op in operations.OfType<JsonObject>())
        {
            var kind = op["op"]?.GetValue<string>();
            var path = op["path"]?.GetValue<string>() ?? "";
            switch (kind)
            {
                case "add": doc = Set(doc, path, op["value"]?.DeepClone(), insert: true); break;
                case "replace": Get(doc, path); doc = Set(doc, path, op["value"]?.DeepClone(), insert: false); break;
                case "remove": doc = Remove(doc, path); break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path), op["value"]))
                        throw new ApiError(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    break;
                case "move":
                case "copy":
                    var from = op["from"]?.GetValue<string>() ?? "";
                    var value = Get(doc, from)?.DeepClone();
                    if (kind == "move") doc = Remove(doc, from);
                    doc = Set(doc, path, value, insert: true);
                    break;
                default: throw ApiError.BadRequest($"Unexpected kind: {kind}");
            }
        }
        return doc;
    }

    private static string[] Pointer(string path) =>
        path.Length == 0 ? Array.Empty<string>() : path[1..].Split('/').Select(p => p.Replace("~1", "/").Replace("~0", "~")).ToArray();

    private static ApiError Missing(string path) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: jsonpatch: path {path} not found");

    private static JsonNode? Get(JsonNode? doc, string path)
    {
        var node = doc;
        foreach (var part in Pointer(path))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(part) => o[part],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => throw Missing(path),
            };
        }
        return node;
    }

    private static JsonNode? Set(JsonNode? doc, string path, JsonNode? value, bool insert)
    {
        var parts = Pointer(path);
        if (parts.Length == 0) return value;
        var parent = Get(doc, "/" + string.Join('/', parts[..^1].Select(p => p.Replace("~", "~0").Replace("/", "~1"))));
        var last = parts[^1];
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, out var i) && i <= a.Count:
                if (insert) a.Insert(i, value); else a[i] = value;
                break;
            default: throw Missing(path);
        }
        return doc;
    }

    private static JsonNode? Remove(JsonNode? doc, string path)
    {
        var parts = Pointer(path);
        var parent = Get(doc, "/" + string.Join('/', parts[..^1].Select(p => p.Replace("~", "~0").Replace("/", "~1"))));
        var last = parts[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last): o.Remove(last); break;
            case JsonArray a when int.TryParse(last, out var i) && i < a.Count: a.RemoveAt(i); break;
            default: throw Missing(path);
        }
        return doc;
    }
}
