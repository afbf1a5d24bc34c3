using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>labelSelector and fieldSelector query parameters, with the field labels the real API supports per kind.</summary>
public static partial class Selectors
{
    private static readonly Dictionary<string, string[]> FieldLabels = new()
    {
        ["Pod"] = new[] { "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName" },
        ["Node"] = new[] { "spec.unschedulable" },
        ["Secret"] = new[] { "type" },
        ["Namespace"] = new[] { "status.phase" },
        ["Event"] = new[] { "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type" },
    };

    [GeneratedRegex(@"^\s*(!?)([A-Za-z0-9./_-]+)\s*(?:(==|=|!=)\s*([A-Za-z0-9._-]*)|\s+(in|notin)\s*\(([^)]*)\))?\s*$")]
    private static partial Regex LabelRequirement();

    public static Func<JsonObject, bool> Labels(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return _ => true;
        var tests = SplitTopLevel(selector).Select(ParseLabel).ToList();
        return obj =>
        {
            var labels = obj["metadata"]?["labels"] as JsonObject;
            return tests.All(t => t(labels));
        };
    }

    private static Func<JsonObject?, bool> ParseLabel(string requirement)
    {
        var m = LabelRequirement().Match(requirement);
        if (!m.Success) throw ApiError.BadRequest($"unable to parse requirement: found '{requirement}', expected: identifier");
        var key = m.Groups[2].Value;
        string? Value(JsonObject? labels) => labels?[key]?.GetValue<string>();
        if (m.Groups[1].Value == "!") return l => Value(l) == null;
        if (m.Groups[3].Success)
        {
            var want = m.Groups[4].Value;
            return m.Groups[3].Value == "!=" ? l => Value(l) != want : l => Value(l) == want;
        }
        if (m.Groups[5].Success)
        {
            var set = m.Groups[6].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            return m.Groups[5].Value == "in" ? l => Value(l) is { } v && set.Contains(v) : l => Value(l) is not { } v || !set.Contains(v);
        }
        return l => Value(l) != null;
    }

    private static IEnumerable<string> SplitTopLevel(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            if (selector[i] == '(') depth++;
            else if (selector[i] == ')') depth--;
            else if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }
        yield return selector[start..];
    }

    public static Func<JsonObject, bool> Fields(ResourceType type, string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return _ => true;
        var tests = new List<Func<JsonObject, bool>>();
        foreach (var part in selector.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var negate = part.Contains("!=");
            var pieces = part.Split(negate ? "!=" : part.Contains("==") ? "==" : "=", 2);
            if (pieces.Length != 2) throw ApiError.BadRequest($"invalid selector: '{selector}'; can't understand '{part}'");
            var (field, want) = (pieces[0].Trim(), pieces[1].Trim());
            var supported = field is "metadata.name" or "metadata.namespace"
                || (FieldLabels.TryGetValue(type.Kind, out var known) && known.Contains(field));
            if (!supported) throw ApiError.BadRequest($"field label not supported: {field}");
            tests.Add(obj => (FieldValue(obj, field) == want) != negate);
        }
        return obj => tests.All(t => t(obj));
    }

    private static string FieldValue(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.')) node = node?[part];
        return node switch
        {
            null => path switch { "spec.unschedulable" or "spec.hostNetwork" => "false", _ => "" },
            JsonValue v => v.ToString().ToLowerInvariant() is "true" or "false" ? v.ToString().ToLowerInvariant() : v.ToString(),
            _ => node.ToJsonString(),
        };
    }
}
