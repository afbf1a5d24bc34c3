using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>Routes one HTTP request: health and version, discovery, OpenAPI, then resource requests after authn/z.</summary>
public sealed class ApiRouter
{
    private readonly ObjectStore _store;
    private readonly ResourceCatalog _catalog;
    private readonly ResourceHandler _handler;
    private readonly Authentication _auth;
    private readonly string _advertise;

    public ApiRouter(ObjectStore store, ResourceCatalog catalog, ResourceHandler handler, Authentication auth, string advertise)
    {
        _store = store;
        _catalog = catalog;
        _handler = handler;
        _auth = auth;
        _advertise = advertise;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        try
        {
            var (code, body) = await RouteAsync(context, ct);
            if (context.Response.HasStarted) return;
            await WriteAsync(context, code, body);
        }
        catch (ApiError error)
        {
            if (!context.Response.HasStarted) await WriteAsync(context, error.Code, error.ToStatus());
        }
        catch (EtcdUnavailableException error)
        {
            if (!context.Response.HasStarted) await WriteAsync(context, 503, ApiError.Status(503, "ServiceUnavailable", error.Message));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static async Task WriteAsync(HttpContext context, int code, JsonNode? body)
    {
        context.Response.StatusCode = code;
        if (body is JsonValue text && text.TryGetValue<string>(out var plain))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(plain);
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body?.ToJsonString() ?? "{}");
    }

    private async Task<(int, JsonNode?)> RouteAsync(HttpContext context, CancellationToken ct)
    {
        var path = context.Request.Path.Value ?? "/";
        switch (path.TrimEnd('/'))
        {
            case "/healthz" or "/livez":
                return (200, JsonValue.Create("ok"));
            case "/readyz":
                await _store.Etcd.CurrentRevisionAsync(ct);
                return (200, JsonValue.Create("ok"));
            case "/version":
                return (200, Discovery.Version());
        }
        var user = await _auth.AuthenticateAsync(context, ct);
        context.Items[typeof(ApiUser)] = user;
        if (path.StartsWith("/openapi/v3", StringComparison.Ordinal) || path is "/api" or "/api/" or "/apis" or "/apis/")
        {
            if (user == ApiUser.Anonymous) throw ApiError.Forbidden(user.Name, "get", null, null, null);
            // Discovery re-reads the CRDs, so a kind is discoverable as soon as its CRD is stored.
            var types = await _catalog.AllAsync(ct, fresh: true);
            return path.TrimEnd('/') switch
            {
                "/api" => (200, Discovery.CoreVersions(_advertise)),
                "/apis" => (200, Discovery.Groups(types)),
                "/openapi/v3" => (200, Discovery.OpenApiRoot(types)),
                _ => (200, Discovery.OpenApiGroupVersion(types, path["/openapi/v3/".Length..].TrimEnd('/')) ?? throw NotFound()),
            };
        }
        var segments = path.Trim('/').Split('/');
        if ((segments.Length == 2 && segments[0] == "api") || (segments.Length == 3 && segments[0] == "apis"))
        {
            if (user == ApiUser.Anonymous) throw ApiError.Forbidden(user.Name, "get", null, null, null);
            var (group, version) = segments[0] == "api" ? ("", segments[1]) : (segments[1], segments[2]);
            return (200, Discovery.Resources(await _catalog.AllAsync(ct, fresh: true), group, version) ?? throw NotFound());
        }
        var api = ApiRequest.Parse(path) ?? throw NotFound();
        var type = await _catalog.FindAsync(api.Group, api.Version, api.Resource, ct) ?? throw NotFound();
        var verb = ResourceHandler.Verb(context.Request, api);
        if (!Authorization.Allows(user, verb, type, api.Namespace, api.Name))
            throw ApiError.Forbidden(user.Name, verb, type, api.Namespace, api.Name);
        if (verb == "watch")
        {
            await Watcher.StreamAsync(context, _store, type, api, ct);
            return (200, null);
        }
        return await _handler.HandleAsync(context, type, api, verb, ct);
    }

    private static ApiError NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}
