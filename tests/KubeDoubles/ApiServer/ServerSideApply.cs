using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>
/// Server-side apply, simplified: the applied configuration is merged into the live object (maps field by field,
/// lists whole), and each field manager's set of fields is remembered in metadata.managedFields (FieldsV1 form), so a
/// field a manager applied before and leaves out now is removed, as the real field manager does. Conflicts between
/// managers are not detected (every apply behaves as with --force-conflicts).
/// </summary>
public static class ServerSideApply
{
    public static JsonObject Apply(JsonObject? live, JsonObject applied, string manager, string apiVersion)
    {
        var result = live != null ? (JsonObject)live.DeepClone() : new JsonObject();
        var appliedFields = Fields(applied);
        var meta = result["metadata"] as JsonObject ?? new JsonObject();
        var managed = meta["managedFields"] as JsonArray ?? new JsonArray();
        var previous = managed.OfType<JsonObject>().FirstOrDefault(m =>
            m["manager"]?.GetValue<string>() == manager && m["operation"]?.GetValue<string>() == "Apply");
        if (previous?["fieldsV1"] is JsonObject before) RemoveDropped(result, before, appliedFields);
        Merge(result, applied);
        meta = (JsonObject)(result["metadata"] ??= new JsonObject());
        if (previous != null) managed.Remove(previous);
        var entry = new JsonObject
        {
            ["manager"] = manager, ["operation"] = "Apply", ["apiVersion"] = apiVersion, ["time"] = Admission.Now(),
            ["fieldsType"] = "FieldsV1", ["fieldsV1"] = appliedFields,
        };
        var kept = managed.Select(m => m?.DeepClone()).Append(entry).ToArray();
        meta["managedFields"] = new JsonArray(kept);
        return result;
    }

    private static void Merge(JsonObject target, JsonObject applied)
    {
        foreach (var (key, value) in applied)
        {
            if (key is "apiVersion" or "kind" || value is null) { if (value != null) target[key] = value.DeepClone(); continue; }
            if (value is JsonObject sub && target[key] is JsonObject existing && key != "managedFields") Merge(existing, sub);
            else target[key] = value.DeepClone();
        }
    }

    /// <summary>FieldsV1: {"f:spec": {"f:replicas": {}}}; lists count as one field (atomic).</summary>
    private static JsonObject Fields(JsonObject obj)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" || (key == "metadata" && value is JsonObject)) continue;
            fields["f:" + key] = value is JsonObject sub ? Fields(sub) : new JsonObject();
        }
        if (obj["metadata"] is JsonObject meta)
        {
            var metaFields = new JsonObject();
            foreach (var part in new[] { "labels", "annotations" })
                if (meta[part] is JsonObject map) metaFields["f:" + part] = Fields(map);
            if (metaFields.Count > 0) fields["f:metadata"] = metaFields;
        }
        return fields;
    }

    private static void RemoveDropped(JsonObject live, JsonObject before, JsonObject now)
    {
        foreach (var (key, sub) in before)
        {
            var name = key[2..];
            if (now[key] is not JsonObject nowSub)
            {
                if (name != "metadata") live.Remove(name);
                continue;
            }
            if (sub is JsonObject { Count: > 0 } beforeSub && live[name] is JsonObject liveSub) RemoveDropped(liveSub, beforeSub, nowSub);
        }
    }
}
