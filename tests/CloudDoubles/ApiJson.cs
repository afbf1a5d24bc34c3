using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.CloudDoubles;

/// <summary>Reading request bodies and writing JSON answers, shared by the REST doubles.</summary>
public static class ApiJson
{
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IResult Answer(int status, JsonNode? body, IReadOnlyDictionary<string, string>? headers = null) => new JsonAnswer(status, body, headers);

    public static string? Text(JsonObject body, string name) => body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static Dictionary<string, string> Map(JsonNode? node) =>
        node is JsonObject map ? map.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);

    public static JsonObject Object(IEnumerable<KeyValuePair<string, string>> map)
    {
        var json = new JsonObject();
        foreach (var entry in map) json[entry.Key] = entry.Value;
        return json;
    }

    private sealed class JsonAnswer : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        private readonly int status;
        private readonly JsonNode? body;
        private readonly IReadOnlyDictionary<string, string>? headers;

        public JsonAnswer(int status, JsonNode? body, IReadOnlyDictionary<string, string>? headers)
        {
            this.status = status;
            this.body = body;
            this.headers = headers;
        }

        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            foreach (var header in headers ?? new Dictionary<string, string>()) context.Response.Headers[header.Key] = header.Value;
            if (body is null) return;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString());
        }
    }
}
