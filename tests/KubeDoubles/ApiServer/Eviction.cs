using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>
/// policy/v1 Eviction: refused with 429 while a PodDisruptionBudget whose selector matches the pod allows no
/// disruption, otherwise the pod is deleted. Nothing runs pods here, so every existing, non-terminated pod counts as
/// healthy (the disruption controller's currentHealthy).
/// </summary>
public static class Eviction
{
    private static readonly ResourceType PodType = BuiltinResources.All.Single(t => t.Kind == "Pod");
    private static readonly ResourceType PdbType = BuiltinResources.All.Single(t => t.Kind == "PodDisruptionBudget");

    public static async Task<JsonNode> EvictAsync(ObjectStore store, ResourceCatalog catalog, string ns, string name, JsonNode? body, CancellationToken ct)
    {
        if (body?["metadata"]?["name"]?.GetValue<string>() is { } bodyName && bodyName != name)
            throw ApiError.BadRequest($"name in URL does not match name in Eviction object");
        for (var attempt = 0; ; attempt++)
        {
            var pod = await store.GetAsync(PodType, ns, name, ct) ?? throw ApiError.NotFound(PodType, name);
            var (pdbs, _) = await store.ListAsync(PdbType, ns, ct);
            var (pods, _) = await store.ListAsync(PodType, ns, ct);
            var matching = pdbs.Where(p => Matches(p, pod)).ToList();
            if (matching.Count > 1)
                throw new ApiError(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
            if (matching.Count == 1 && !await RecordDisruptionAsync(store, matching[0], pod, pods, ct))
            {
                if (attempt < 10) continue;
                throw ApiError.Conflict(PdbType, matching[0]["metadata"]!["name"]!.GetValue<string>());
            }
            await store.DeleteAsync(PodType, ns, name, long.Parse(pod["metadata"]!["resourceVersion"]!.GetValue<string>()), ct);
            return ApiError.Status(201, "", "");
        }
    }

    // As the real eviction handler: the budget's status records the pod as disrupted through a compare-and-swap write,
    // so two evictions racing for the last allowed disruption cannot both pass. Returns false when the PDB changed.
    private static async Task<bool> RecordDisruptionAsync(ObjectStore store, JsonObject pdb, JsonObject pod, List<JsonObject> pods, CancellationToken ct)
    {
        var status = (JsonObject)(pdb["status"] ??= new JsonObject());
        var disrupted = (JsonObject)(status["disruptedPods"] ??= new JsonObject());
        var covered = pods.Where(p => Matches(pdb, p)).ToList();
        var names = covered.Select(p => p["metadata"]!["name"]!.GetValue<string>()).ToHashSet();
        foreach (var gone in disrupted.Select(d => d.Key).Where(n => !names.Contains(n)).ToList()) disrupted.Remove(gone);
        var healthy = covered.Count(p => IsHealthy(p) && !disrupted.ContainsKey(p["metadata"]!["name"]!.GetValue<string>()));
        var desired = DesiredHealthy(pdb, covered.Count);
        var pdbName = pdb["metadata"]!["name"]!.GetValue<string>();
        if (healthy - desired <= 0)
        {
            throw new ApiError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
                new JsonObject
                {
                    ["causes"] = new JsonArray(new JsonObject
                    {
                        ["reason"] = "DisruptionBudget",
                        ["message"] = $"The disruption budget {pdbName} needs {desired} healthy pods and has {healthy} currently",
                    }),
                });
        }
        disrupted[pod["metadata"]!["name"]!.GetValue<string>()] = Admission.Now();
        status["currentHealthy"] = healthy;
        status["desiredHealthy"] = desired;
        status["expectedPods"] = covered.Count;
        status["disruptionsAllowed"] = healthy - desired - 1;
        var rv = long.Parse(pdb["metadata"]!["resourceVersion"]!.GetValue<string>());
        try
        {
            await store.UpdateAsync(PdbType, pdb["metadata"]!["namespace"]!.GetValue<string>(), pdbName, pdb, rv, ct);
            return true;
        }
        catch (ApiError error) when (error.Reason == "Conflict")
        {
            return false;
        }
    }

    private static bool IsHealthy(JsonObject pod) =>
        pod["status"]?["phase"]?.GetValue<string>() is not ("Succeeded" or "Failed") && pod["metadata"]?["deletionTimestamp"] == null;

    private static bool Matches(JsonObject pdb, JsonObject pod)
    {
        var selector = pdb["spec"]?["selector"];
        if (selector == null) return false;
        var labels = pod["metadata"]?["labels"] as JsonObject;
        if (selector["matchLabels"] is JsonObject match && match.Any(l => labels?[l.Key]?.GetValue<string>() != l.Value?.GetValue<string>()))
            return false;
        foreach (var expr in (selector["matchExpressions"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
        {
            var key = expr["key"]!.GetValue<string>();
            var values = (expr["values"] as JsonArray)?.Select(v => v!.GetValue<string>()).ToHashSet() ?? new HashSet<string>();
            var value = labels?[key]?.GetValue<string>();
            var ok = expr["operator"]?.GetValue<string>() switch
            {
                "In" => value != null && values.Contains(value),
                "NotIn" => value == null || !values.Contains(value),
                "Exists" => value != null,
                "DoesNotExist" => value == null,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    private static int DesiredHealthy(JsonObject pdb, int expected)
    {
        var spec = pdb["spec"]!;
        if (spec["minAvailable"] is { } min) return Resolve(min, expected, roundUp: true);
        if (spec["maxUnavailable"] is { } max) return Math.Max(0, expected - Resolve(max, expected, roundUp: true));
        return expected;
    }

    private static int Resolve(JsonNode value, int total, bool roundUp)
    {
        var text = value.ToString();
        if (!text.EndsWith('%')) return int.Parse(text);
        var percent = double.Parse(text[..^1]) * total / 100;
        return (int)(roundUp ? Math.Ceiling(percent) : Math.Floor(percent));
    }
}
