using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.KubeDoubles.Common;

/// <summary>
/// YAML to JSON the way sigs.k8s.io/yaml does it for Kubernetes objects: plain scalars true/false/null and numbers
/// become JSON values, quoted scalars stay strings, a key set twice is an error naming its line.
/// </summary>
public static class YamlJson
{
    /// <summary>Every non-empty document of a (possibly multi-document) YAML text, as JSON.</summary>
    public static List<JsonObject> Documents(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw new FormatException($"yaml: line {error.Start.Line}: {Inner(error)}");
        }
        var result = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" }) continue;
            if (ToJson(document.RootNode) is JsonObject obj) result.Add(obj);
            else throw new FormatException("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}");
        }
        return result;
    }

    private static string Inner(YamlException error)
    {
        var message = error.InnerException?.Message ?? error.Message;
        return message.Contains("same key", StringComparison.OrdinalIgnoreCase) || message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase)
            ? "key already set in map"
            : message;
    }

    public static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
            {
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    if (obj.ContainsKey(name))
                        throw new FormatException($"yaml: unmarshal errors:\n  line {key.Start.Line}: key \"{name}\" already set in map");
                    obj[name] = ToJson(value);
                }
                return obj;
            }
            case YamlSequenceNode seq:
                return new JsonArray(seq.Children.Select(ToJson).ToArray());
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(value);
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (value.Any(char.IsDigit) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && !value.Contains(':'))
            return JsonValue.Create(real);
        return JsonValue.Create(value);
    }

    /// <summary>JSON to YAML text (block style), for files the real tools write as YAML.</summary>
    public static string ToYaml(JsonNode? node)
    {
        var writer = new StringWriter();
        Write(writer, node, 0, false);
        return writer.ToString();
    }

    private static void Write(StringWriter w, JsonNode? node, int indent, bool inList)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                var first = true;
                foreach (var (key, value) in obj)
                {
                    var prefix = first && inList ? "" : pad;
                    first = false;
                    if (value is JsonObject { Count: > 0 } || value is JsonArray { Count: > 0 })
                    {
                        w.Write($"{prefix}{Quote(key)}:\n");
                        Write(w, value, value is JsonArray ? indent : indent + 2, false);
                    }
                    else
                    {
                        w.Write($"{prefix}{Quote(key)}: {Inline(value)}\n");
                    }
                }
                break;
            case JsonArray arr when arr.Count > 0:
                foreach (var item in arr)
                {
                    if (item is JsonObject { Count: > 0 })
                    {
                        w.Write($"{pad}- ");
                        Write(w, item, indent + 2, true);
                    }
                    else
                    {
                        w.Write($"{pad}- {Inline(item)}\n");
                    }
                }
                break;
            default:
                w.Write($"{pad}{Inline(node)}\n");
                break;
        }
    }

    private static string Inline(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Quote(v.GetValue<string>()),
        _ => value.ToJsonString(),
    };

    private static string Quote(string text)
    {
        if (text.Length == 0) return "\"\"";
        var plain = text.All(c => char.IsLetterOrDigit(c) || "-_./=+@".Contains(c))
            && !char.IsDigit(text[0]) && text[0] != '-' && text is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "y" or "n");
        return plain ? text : JsonSerializer.Serialize(text);
    }
}
