using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>meta.k8s.io/v1 Table answers for clients that ask for them (kubectl get): NAME and AGE for every kind,
/// STATUS/ROLES/VERSION for nodes, as the real printers show them.</summary>
public static class Tables
{
    public static bool Wanted(string accept) => accept.Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject From(ResourceType type, IReadOnlyList<JsonObject> items, string resourceVersion)
    {
        var isNode = type.Kind == "Node";
        var columns = new List<(string Name, string Type)> { ("Name", "string") };
        if (isNode) columns.AddRange(new[] { ("Status", "string"), ("Roles", "string") });
        columns.Add(("Age", "string"));
        if (isNode) columns.Add(("Version", "string"));
        var rows = items.Select(item =>
        {
            var cells = new List<JsonNode?> { item["metadata"]?["name"]?.GetValue<string>() };
            if (isNode) { cells.Add(NodeStatus(item)); cells.Add(NodeRoles(item)); }
            cells.Add(Age(item["metadata"]?["creationTimestamp"]?.GetValue<string>()));
            if (isNode) cells.Add(item["status"]?["nodeInfo"]?["kubeletVersion"]?.GetValue<string>() ?? "");
            var partial = new JsonObject
            {
                ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = item["metadata"]?.DeepClone(),
            };
            return (JsonNode)new JsonObject { ["cells"] = new JsonArray(cells.ToArray()), ["object"] = partial };
        }).ToArray();
        return new JsonObject
        {
            ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name, ["type"] = c.Type, ["format"] = c.Name == "Name" ? "name" : "", ["description"] = c.Name, ["priority"] = 0,
            }).ToArray()),
            ["rows"] = new JsonArray(rows),
        };
    }

    private static string NodeStatus(JsonObject node)
    {
        var ready = (node["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Ready");
        var status = ready?["status"]?.GetValue<string>() == "True" ? "Ready" : ready == null ? "Unknown" : "NotReady";
        if (node["spec"]?["unschedulable"]?.GetValue<bool>() == true) status += ",SchedulingDisabled";
        return status;
    }

    private static string NodeRoles(JsonObject node)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = (node["metadata"]?["labels"] as JsonObject)?.Select(l => l.Key).Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..]).ToList() ?? new List<string>();
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Age(string? created)
    {
        if (created == null || !DateTimeOffset.TryParse(created, out var at)) return "<unknown>";
        var age = DateTimeOffset.UtcNow - at;
        return age.TotalMinutes < 2 ? $"{(int)age.TotalSeconds}s" : age.TotalHours < 2 ? $"{(int)age.TotalMinutes}m" : age.TotalDays < 2 ? $"{(int)age.TotalHours}h" : $"{(int)age.TotalDays}d";
    }
}
