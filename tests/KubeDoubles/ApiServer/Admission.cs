using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>Defaults the API server fills in and the validation it does, for the kinds and fields used here.</summary>
public static partial class Admission
{
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    private const string SubdomainText = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelText = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /// <summary>Fills in what create sets: name from generateName, uid, creation time, generation, kind defaults.</summary>
    public static void DefaultOnCreate(ResourceType type, JsonObject obj, string? ns)
    {
        obj["apiVersion"] = type.GroupVersion;
        obj["kind"] = type.Kind;
        var meta = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = meta;
        if (meta["name"] is null && meta["generateName"] is { } prefix)
            meta["name"] = prefix.GetValue<string>() + RandomSuffix();
        if (type.Namespaced) meta["namespace"] = ns;
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Now();
        meta.Remove("deletionTimestamp");
        if (obj["spec"] != null) meta["generation"] = 1;
        switch (type.Kind)
        {
            case "Namespace":
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                (meta["labels"] ??= new JsonObject())["kubernetes.io/metadata.name"] = meta["name"]!.GetValue<string>();
                break;
            case "Secret":
                obj["type"] ??= "Opaque";
                break;
            case "Pod":
                obj["status"] ??= new JsonObject { ["phase"] = "Pending" };
                break;
            case "CustomResourceDefinition":
                obj["status"] = new JsonObject
                {
                    ["acceptedNames"] = obj["spec"]?["names"]?.DeepClone(),
                    ["conditions"] = new JsonArray(Condition("NamesAccepted"), Condition("Established")),
                    ["storedVersions"] = new JsonArray((obj["spec"]?["versions"] as JsonArray ?? new JsonArray())
                        .Where(v => v?["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode)v!["name"]!.GetValue<string>()).ToArray()),
                };
                break;
        }
        SyncPodCidrs(type, obj);
    }

    private static JsonObject Condition(string type) => new()
    {
        ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = Now(), ["reason"] = type == "Established" ? "InitialNamesAccepted" : "NoConflicts",
        ["message"] = type == "Established" ? "the initial names have been accepted" : "no conflicts found",
    };

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(Enumerable.Range(0, 5).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }

    // The API keeps spec.podCIDR and spec.podCIDRs[0] the same.
    private static void SyncPodCidrs(ResourceType type, JsonObject obj)
    {
        if (type.Kind != "Node" || obj["spec"] is not JsonObject spec) return;
        if (spec["podCIDR"]?.GetValue<string>() is { Length: > 0 } cidr && spec["podCIDRs"] is not JsonArray { Count: > 0 })
            spec["podCIDRs"] = new JsonArray(cidr);
    }

    /// <summary>Field errors of a new or changed object; empty when it is valid.</summary>
    public static List<(string Field, string Message)> Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var errors = new List<(string, string)>();
        var meta = obj["metadata"] as JsonObject;
        var name = meta?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(("metadata.name", "metadata.name: Required value: name or generateName is required"));
            return errors;
        }
        var labelName = type.Kind is "Namespace" or "Service";
        if (labelName ? !Label().IsMatch(name) || name.Length > 63 : !Subdomain().IsMatch(name) || name.Length > 253)
            errors.Add(("metadata.name", $"metadata.name: Invalid value: \"{name}\": {(labelName ? LabelText : SubdomainText)}"));
        if (meta?["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                var text = value?.ToString() ?? "";
                if (text.Length > 63 || !LabelValue().IsMatch(text))
                    errors.Add(($"metadata.labels", $"metadata.labels: Invalid value: \"{text}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
            }
        }
        switch (type.Kind)
        {
            case "Node": ValidateNode(obj, old, errors); break;
            case "StorageClass": ValidateStorageClass(obj, old, errors); break;
            case "Secret" or "ConfigMap": ValidateImmutableData(obj, old, errors); break;
            case "Service": ValidateService(obj, old, errors); break;
        }
        return errors;
    }

    private static void ValidateNode(JsonObject obj, JsonObject? old, List<(string, string)> errors)
    {
        var cidr = obj["spec"]?["podCIDR"]?.GetValue<string>() ?? "";
        if (cidr.Length > 0 && !IsCidr(cidr))
            errors.Add(("spec.podCIDR", $"spec.podCIDR: Invalid value: \"{cidr}\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
        var oldCidr = old?["spec"]?["podCIDR"]?.GetValue<string>() ?? "";
        if (old != null && oldCidr.Length > 0 && cidr != oldCidr)
            errors.Add(("spec.podCIDR", "spec.podCIDR: Forbidden: node updates may not change podCIDR except from \"\" to valid"));
        var taints = obj["spec"]?["taints"] as JsonArray ?? new JsonArray();
        for (var i = 0; i < taints.Count; i++)
        {
            var effect = taints[i]?["effect"]?.GetValue<string>() ?? "";
            if (effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
                errors.Add(($"spec.taints[{i}].effect", $"spec.taints[{i}].effect: Unsupported value: \"{effect}\": supported values: \"NoExecute\", \"NoSchedule\", \"PreferNoSchedule\""));
        }
    }

    private static bool IsCidr(string text)
    {
        var slash = text.IndexOf('/');
        return slash > 0 && IPAddress.TryParse(text[..slash], out _) && int.TryParse(text[(slash + 1)..], out var bits) && bits is >= 0 and <= 128;
    }

    private static void ValidateStorageClass(JsonObject obj, JsonObject? old, List<(string, string)> errors)
    {
        if (old == null) return;
        if (!JsonNode.DeepEquals(obj["parameters"], old["parameters"]))
            errors.Add(("parameters", "parameters: Forbidden: updates to parameters are forbidden."));
        if (!JsonNode.DeepEquals(obj["provisioner"], old["provisioner"]))
            errors.Add(("provisioner", "provisioner: Forbidden: updates to provisioner are forbidden."));
    }

    private static void ValidateImmutableData(JsonObject obj, JsonObject? old, List<(string, string)> errors)
    {
        if (old?["immutable"]?.GetValue<bool>() != true) return;
        if (!JsonNode.DeepEquals(obj["data"], old["data"]))
            errors.Add(("data", "data: Forbidden: field is immutable when `immutable` is set"));
    }

    private static void ValidateService(JsonObject obj, JsonObject? old, List<(string, string)> errors)
    {
        if (old == null) return;
        var ip = obj["spec"]?["clusterIP"]?.GetValue<string>();
        var oldIp = old["spec"]?["clusterIP"]?.GetValue<string>();
        if (ip != null && ip != oldIp)
            errors.Add(("spec.clusterIPs[0]", $"spec.clusterIPs[0]: Invalid value: []string{{\"{ip}\"}}: may not change once set"));
    }

    /// <summary>Keeps what an update may not touch: identity, creation time, and status or spec per subresource.</summary>
    public static void CarryOver(ResourceType type, JsonObject updated, JsonObject old, string? subresource)
    {
        var meta = (JsonObject)(updated["metadata"] ??= new JsonObject());
        var oldMeta = (JsonObject)old["metadata"]!;
        foreach (var key in new[] { "uid", "creationTimestamp", "namespace", "generation" })
        {
            if (oldMeta[key] != null) meta[key] = oldMeta[key]!.DeepClone();
            else meta.Remove(key);
        }
        updated["apiVersion"] = type.GroupVersion;
        updated["kind"] = type.Kind;
        if (subresource == "approval")
        {
            var conditions = updated["status"]?["conditions"]?.DeepClone();
            foreach (var (key, value) in old.Where(p => p.Key != "metadata").ToList()) updated[key] = value?.DeepClone();
            ((JsonObject)(updated["status"] ??= new JsonObject()))["conditions"] = conditions;
            return;
        }
        if (subresource == "status")
        {
            foreach (var (key, value) in old.Where(p => p.Key is not ("status" or "metadata")).ToList())
                updated[key] = value?.DeepClone();
            return;
        }
        if (type.HasStatus && type.Kind != "Namespace" && old["status"] != null) updated["status"] = old["status"]!.DeepClone();
        if (updated["spec"] != null && !JsonNode.DeepEquals(updated["spec"], old["spec"]))
            meta["generation"] = (oldMeta["generation"] is { } g ? Common.JsonNumbers.Long(g) : 1) + 1;
        SyncPodCidrs(type, updated);
    }
}
