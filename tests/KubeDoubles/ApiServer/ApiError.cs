using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>A failure the API answers with a metav1.Status, as the real API server words it.</summary>
public sealed class ApiError : Exception
{
    public ApiError(int code, string reason, string message, JsonObject? details = null) : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }
    public string Reason { get; }
    public JsonObject? Details { get; }

    public JsonObject ToStatus() => Status(Code, Reason, Message, Details);

    public static JsonObject Status(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(),
            ["status"] = code < 300 ? "Success" : "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code,
        };
        if (details != null) status["details"] = details;
        return status;
    }

    private static JsonObject For(ResourceType type, string name) =>
        new() { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural };

    public static ApiError NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedName} \"{name}\" not found", For(type, name));

    public static ApiError AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedName} \"{name}\" already exists", For(type, name));

    public static ApiError Conflict(ResourceType type, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", For(type, name));

    /// <summary>422 with one cause per field, worded like apimachinery's field errors.</summary>
    public static ApiError Invalid(ResourceType type, string name, IReadOnlyList<(string Field, string Message)> causes)
    {
        var details = For(type, name);
        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldValueInvalid", ["message"] = c.Message.StartsWith(c.Field + ": ", StringComparison.Ordinal) ? c.Message[(c.Field.Length + 2)..] : c.Message, ["field"] = c.Field,
        }).ToArray());
        var text = string.Join(", ", causes.Select(c => c.Message));
        if (causes.Count > 1) text = "[" + text + "]";
        return new ApiError(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {text}", details);
    }

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiError Forbidden(string user, string verb, ResourceType? type, string? ns, string? name)
    {
        var what = type == null ? "this path" : $"resource \"{type.Plural}\" in API group \"{type.Group}\"";
        var scope = ns != null ? $" in the namespace \"{ns}\"" : type != null ? " at the cluster scope" : "";
        var obj = name != null ? $"{type?.QualifiedName} \"{name}\" is forbidden: " : "forbidden: ";
        return new ApiError(403, "Forbidden", $"{obj}User \"{user}\" cannot {verb} {what}{scope}");
    }
}
