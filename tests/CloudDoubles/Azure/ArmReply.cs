using System.Text.Json.Nodes;

namespace MultiCloud.CloudDoubles.Azure;

/// <summary>One answer of the ARM double: status, JSON body (null for none) and extra headers.</summary>
internal sealed record ArmReply(int Status, JsonNode? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ArmReply Ok(JsonNode body) => new(200, body);

    public static ArmReply NoContent() => new(204, null);

    /// <summary>ARM's error shape: <c>{"error":{"code","message","target"?}}</c>.</summary>
    public static ArmReply Error(int status, string code, string message, string? target = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (target != null) error["target"] = target;
        return new ArmReply(status, new JsonObject { ["error"] = error }, headers);
    }

    public static ArmReply InvalidParameter(string message, string target) => Error(400, "InvalidParameter", message, target);

    public static ArmReply List(IEnumerable<JsonNode> items) => Ok(new JsonObject { ["value"] = new JsonArray(items.ToArray()) });
}
