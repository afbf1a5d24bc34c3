using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>
/// Legacy discovery (/api, /apis, /api/v1, /apis/G/V; clients asking for aggregated discovery fall back to it when
/// the answer is plain application/json), /version, and an OpenAPI v3 document per group version that is just
/// enough for kubectl: every kind has a PATCH operation with the fieldValidation parameter, so kubectl leaves
/// field validation to the server and computes strategic merge patches from its built-in types. No /openapi/v2.
/// </summary>
public static class Discovery
{
    public const string GitVersion = "v1.32.3";

    public static JsonObject Version() => new()
    {
        ["major"] = "1", ["minor"] = "32", ["gitVersion"] = GitVersion, ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean", ["buildDate"] = "2025-03-11T19:52:21Z", ["goVersion"] = "go1.23.6", ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string advertise) => new()
    {
        ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = advertise }),
    };

    public static JsonObject Groups(IEnumerable<ResourceType> types)
    {
        var groups = types.Where(t => t.Group.Length > 0).GroupBy(t => t.Group).Select(g =>
        {
            var versions = g.Select(t => t.Version).Distinct().Select(v => (JsonNode)new JsonObject
            {
                ["groupVersion"] = $"{g.Key}/{v}", ["version"] = v,
            }).ToArray();
            return (JsonNode)new JsonObject
            {
                ["name"] = g.Key, ["versions"] = new JsonArray(versions), ["preferredVersion"] = versions[0]!.DeepClone(),
            };
        }).ToArray();
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = new JsonArray(groups) };
    }

    public static JsonObject? Resources(IEnumerable<ResourceType> types, string group, string version)
    {
        var matching = types.Where(t => t.Group == group && t.Version == version).ToList();
        if (matching.Count == 0) return null;
        var list = new JsonArray();
        foreach (var t in matching)
        {
            list.Add(new JsonObject
            {
                ["name"] = t.Plural, ["singularName"] = t.Singular, ["namespaced"] = t.Namespaced, ["kind"] = t.Kind,
                ["verbs"] = new JsonArray(ResourceType.AllVerbs.Select(v => (JsonNode)v).ToArray()),
                ["shortNames"] = new JsonArray(t.ShortNames.Select(v => (JsonNode)v).ToArray()),
            });
            if (t.HasStatus)
                list.Add(Sub(t, "status", "get", "patch", "update"));
            foreach (var sub in t.Subresources ?? Array.Empty<string>())
                list.Add(sub == "eviction" ? Sub(t, sub, "create", group: "policy", version: "v1", kind: "Eviction") : Sub(t, sub, "get", "patch", "update"));
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    private static JsonObject Sub(ResourceType t, string sub, params string[] verbs) => Sub(t, sub, verbs, null, null, null);

    private static JsonObject Sub(ResourceType t, string sub, string verb, string group, string version, string kind) =>
        Sub(t, sub, new[] { verb }, group, version, kind);

    private static JsonObject Sub(ResourceType t, string sub, string[] verbs, string? group, string? version, string? kind)
    {
        var entry = new JsonObject
        {
            ["name"] = $"{t.Plural}/{sub}", ["singularName"] = "", ["namespaced"] = t.Namespaced, ["kind"] = kind ?? t.Kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
        };
        if (group != null) { entry["group"] = group; entry["version"] = version; }
        return entry;
    }

    public static JsonObject OpenApiRoot(IEnumerable<ResourceType> types)
    {
        var paths = new JsonObject();
        foreach (var gv in types.Select(t => t.GroupVersion).Distinct())
        {
            var key = gv.Contains('/') ? $"apis/{gv}" : $"api/{gv}";
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Math.Abs(gv.GetHashCode()):X}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? OpenApiGroupVersion(IEnumerable<ResourceType> types, string gvPath)
    {
        var matching = types.Where(t => (t.Group.Length == 0 ? $"api/{t.Version}" : $"apis/{t.GroupVersion}") == gvPath).ToList();
        if (matching.Count == 0) return null;
        var paths = new JsonObject();
        foreach (var t in matching)
        {
            var prefix = "/" + gvPath + (t.Namespaced ? "/namespaces/{namespace}" : "");
            var gvk = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };
            paths[$"{prefix}/{t.Plural}/{{name}}"] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{t.Kind}",
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = gvk,
                    ["parameters"] = new JsonArray(
                        new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } },
                        new JsonObject { ["name"] = "fieldManager", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }),
                },
            };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes (MultiCloud lab API double)", ["version"] = GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }
}
