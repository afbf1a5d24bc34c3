using System.Text.Json;
using System.Text.Json.Nodes;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>
/// Splits a kubeadm configuration file into its documents and checks each against <see cref="ConfigSchema"/>.
/// As in kubeadm 1.32: unknown or duplicate fields are "strict decoding" errors, which `kubeadm init/join/reset
/// --config` print as warnings (klog W lines) and ignore, while `kubeadm config validate` fails on them; a value of
/// the wrong type fails every command, as the lenient decoder fails too.
/// </summary>
public static class ConfigDecoder
{
    public sealed record Document(string ApiVersion, string Kind, JsonObject Body);

    public static List<Document> Load(string path, bool strict)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException error) { throw new CommandException($"unable to read config from \"{path}\" : {error.Message}"); }
        catch (UnauthorizedAccessException error) { throw new CommandException($"unable to read config from \"{path}\" : {error.Message}"); }
        List<JsonObject> raw;
        try { raw = YamlJson.Documents(text); }
        catch (FormatException error) { throw new CommandException(error.Message); }
        var documents = new List<Document>();
        var kinds = new HashSet<string>();
        foreach (var body in raw)
        {
            var apiVersion = body["apiVersion"]?.ToString() ?? "";
            var kind = body["kind"]?.ToString() ?? "";
            if (apiVersion.Length == 0 || kind.Length == 0)
                throw new CommandException($"invalid configuration for GroupVersionKind {Gvk(apiVersion, kind)}: kind and apiVersion is mandatory information that must be specified");
            if (!kinds.Add(kind)) throw new CommandException($"invalid configuration: kind \"{kind}\" is specified twice in YAML file");
            CheckVersion(apiVersion, kind);
            var type = apiVersion == $"{ConfigSchema.KubeadmGroup}/v1beta4" ? kind : ConfigSchema.ComponentGroups.GetValueOrDefault(apiVersion);
            if (type != null && ConfigSchema.Types.ContainsKey(type))
            {
                var unknown = new List<string>();
                var typeErrors = new List<string>();
                Check(body, type, "", type, unknown, typeErrors);
                if (typeErrors.Count > 0) throw new CommandException(typeErrors[0]);
                if (unknown.Count > 0)
                {
                    var message = $"error unmarshaling configuration {Gvk(apiVersion, kind)}: strict decoding error: {string.Join(", ", unknown)}";
                    if (strict) throw new CommandException(message);
                    Klog.Warning(message);
                }
            }
            else if (!ConfigSchema.ComponentGroups.ContainsKey(apiVersion))
            {
                if (strict) throw new CommandException($"unknown configuration {Gvk(apiVersion, kind)}");
                Klog.Warning($"[config] WARNING: Ignored configuration document with GroupVersionKind {GvkShort(apiVersion, kind)}");
            }
            documents.Add(new Document(apiVersion, kind, body));
        }
        return documents;
    }

    private static void CheckVersion(string apiVersion, string kind)
    {
        if (!apiVersion.StartsWith(ConfigSchema.KubeadmGroup + "/", StringComparison.Ordinal)) return;
        var version = apiVersion[(ConfigSchema.KubeadmGroup.Length + 1)..];
        switch (version)
        {
            case "v1beta4":
                return;
            case "v1beta3":
                throw new CommandException($"this kubeadm test double reads kubeadm.k8s.io/v1beta4 only (the real kubeadm 1.32 still accepts the deprecated {apiVersion}); write kind {kind} as v1beta4");
            case "v1alpha1" or "v1alpha2" or "v1alpha3" or "v1beta1" or "v1beta2":
                throw new CommandException($"your configuration file uses an old API spec: \"{apiVersion}\" (kind: \"{kind}\"). Please use kubeadm v1.22 instead and run 'kubeadm config migrate --old-config old.yaml --new-config new.yaml', which will write the new, similar spec using a newer API version.");
            default:
                throw new CommandException($"unknown configuration {Gvk(apiVersion, kind)}");
        }
    }

    private static void Check(JsonObject obj, string type, string path, string root, List<string> unknown, List<string> typeErrors)
    {
        var fields = ConfigSchema.Types[type];
        foreach (var (name, value) in obj)
        {
            var fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            if (!fields.TryGetValue(name, out var fieldType))
            {
                unknown.Add($"unknown field \"{fieldPath}\"");
                continue;
            }
            CheckValue(value, fieldType, fieldPath, root, unknown, typeErrors);
        }
    }

    private static void CheckValue(JsonNode? value, string fieldType, string fieldPath, string owner, List<string> unknown, List<string> typeErrors)
    {
        if (value == null || fieldType == "any") return;
        string? Mismatch(string goType) =>
            $"json: cannot unmarshal {JsonKind(value)} into Go struct field {owner}.{fieldPath} of type {goType}";
        switch (fieldType)
        {
            case "string" when value.GetValueKind() != JsonValueKind.String: typeErrors.Add(Mismatch("string")!); return;
            case "bool" when value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False): typeErrors.Add(Mismatch("bool")!); return;
            case "int32" when value.GetValueKind() != JsonValueKind.Number: typeErrors.Add(Mismatch("int32")!); return;
            case "duration":
                if (value.GetValueKind() != JsonValueKind.String) typeErrors.Add(Mismatch("v1.Duration")!);
                else if (GoDuration.TryParse(value.GetValue<string>()) == null) typeErrors.Add($"time: invalid duration \"{value.GetValue<string>()}\"");
                return;
            case "map[string]bool" or "map[string]string":
                if (value is not JsonObject) typeErrors.Add(Mismatch(fieldType)!);
                return;
        }
        if (fieldType.StartsWith("[]", StringComparison.Ordinal))
        {
            if (value is not JsonArray array) { typeErrors.Add(Mismatch(fieldType)!); return; }
            var element = fieldType[2..];
            for (var i = 0; i < array.Count; i++) CheckValue(array[i], element, $"{fieldPath}[{i}]", owner, unknown, typeErrors);
            return;
        }
        if (ConfigSchema.Types.ContainsKey(fieldType))
        {
            if (value is not JsonObject sub) { typeErrors.Add(Mismatch("v1beta4." + fieldType)!); return; }
            Check(sub, fieldType, fieldPath, owner, unknown, typeErrors);
        }
    }

    private static string JsonKind(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => "string", JsonValueKind.Number => "number", JsonValueKind.Array => "array",
        JsonValueKind.Object => "object", _ => "bool",
    };

    private static string Gvk(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return $"schema.GroupVersionKind{{Group:\"{group}\", Version:\"{version}\", Kind:\"{kind}\"}}";
    }

    private static string GvkShort(string apiVersion, string kind) => $"{apiVersion}, Kind={kind}";
}

/// <summary>klog's line format, which kubeadm uses for warnings on stderr.</summary>
public static class Klog
{
    public static void Warning(string message) =>
        Console.Error.WriteLine($"W{DateTime.Now:MMdd HH:mm:ss.ffffff} {Environment.ProcessId,7} kubeadm] {message}");
}
