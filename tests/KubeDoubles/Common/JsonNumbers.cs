using System.Globalization;
using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.Common;

/// <summary>Numbers from JSON nodes whatever CLR type holds them (YAML gives long, code gives int, parsed JSON gives JsonElement).</summary>
public static class JsonNumbers
{
    public static long Long(JsonNode node) => Convert.ToInt64(node.GetValue<object>() is System.Text.Json.JsonElement e ? e.GetInt64() : node.GetValue<object>(), CultureInfo.InvariantCulture);

    public static int Int(JsonNode node) => (int)Long(node);
}
