using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MultiCloud.CloudDoubles.Hetzner;

/// <summary>
/// Test double of the Hetzner Cloud API (https://docs.hetzner.cloud/), one project, under "/v1/". It authenticates
/// the bearer token, answers in the API's JSON with its error format, X-Correlation-Id and RateLimit-* headers,
/// pages lists, filters by name and label_selector, runs every change as an action to poll, and backs servers with an
/// <see cref="IMachineBackend"/>. See README.md for what it implements and the operation names of the FailurePlan.
/// </summary>
public sealed class HetznerDouble : IApiDouble
{
    public const string BasePath = "/v1";
    private const int RateLimit = 3600;

    private readonly string token;
    private readonly FailurePlan failures;
    private int remaining = RateLimit;

    public HetznerDouble(string token, ResourceLedger ledger, FailurePlan failures, IMachineBackend backend)
    {
        this.token = token;
        this.failures = failures;
        Project = new HetznerProject(ledger, backend);
        Ledger = ledger;
    }

    public string Name => "hetzner";

    public HetznerProject Project { get; }

    public ResourceLedger Ledger { get; }

    /// <summary>The endpoint setting a provider is given: the host's address and "/v1/".</summary>
    public static string Endpoint(DoubleHost host) => new Uri(host.BaseAddress, "v1/").ToString();

    public void Map(IEndpointRouteBuilder routes)
    {
        var v1 = routes.MapGroup(BasePath);
        v1.MapGet("/servers", (HttpContext c) => Handle(c, "GET /servers", false, () => Project.ListServers(c.Request.Query)));
        v1.MapPost("/servers", (HttpContext c) => Handle(c, "POST /servers", true, async () => await Project.CreateServerAsync(await ApiJson.ReadObjectAsync(c.Request), c.RequestAborted)));
        v1.MapGet("/servers/{id:long}", (HttpContext c, long id) => Handle(c, "GET /servers", false, () => Project.GetServer(id)));
        v1.MapDelete("/servers/{id:long}", (HttpContext c, long id) => Handle(c, "DELETE /servers", true, () => Project.DeleteServerAsync(id)));
        v1.MapPost("/servers/{id:long}/actions/poweron", (HttpContext c, long id) => Handle(c, "POST /servers/actions/poweron", true, () => Project.PowerOn(id)));
        v1.MapGet("/actions/{id:long}", (HttpContext c, long id) => Handle(c, "GET /actions", false, () => Project.GetAction(id)));

        v1.MapGet("/ssh_keys", (HttpContext c) => Handle(c, "GET /ssh_keys", false, () => Project.ListSshKeys(c.Request.Query)));
        v1.MapPost("/ssh_keys", (HttpContext c) => Handle(c, "POST /ssh_keys", true, async () => Project.CreateSshKey(await ApiJson.ReadObjectAsync(c.Request))));
        v1.MapDelete("/ssh_keys/{id:long}", (HttpContext c, long id) => Handle(c, "DELETE /ssh_keys", true, () => Project.DeleteSshKey(id)));

        v1.MapGet("/firewalls", (HttpContext c) => Handle(c, "GET /firewalls", false, () => Project.ListFirewalls(c.Request.Query)));
        v1.MapPost("/firewalls", (HttpContext c) => Handle(c, "POST /firewalls", true, async () => Project.CreateFirewall(await ApiJson.ReadObjectAsync(c.Request))));
        v1.MapDelete("/firewalls/{id:long}", (HttpContext c, long id) => Handle(c, "DELETE /firewalls", true, () => Project.DeleteFirewall(id)));
        v1.MapPost("/firewalls/{id:long}/actions/{action}", (HttpContext c, long id, string action) =>
            Handle(c, "POST /firewalls/actions/" + action, true, async () => Project.FirewallAction(id, action, await ApiJson.ReadObjectAsync(c.Request))));

        v1.MapGet("/server_types", (HttpContext c) => Handle(c, "GET /server_types", false, () => Project.ListCatalog("server_types", HetznerCatalog.ServerTypes.Select(HetznerCatalog.Json), c.Request.Query)));
        v1.MapGet("/locations", (HttpContext c) => Handle(c, "GET /locations", false, () => Project.ListCatalog("locations", HetznerCatalog.Locations.Select(HetznerCatalog.Json), c.Request.Query)));
        v1.MapGet("/datacenters", (HttpContext c) => Handle(c, "GET /datacenters", false, () => Project.ListCatalog("datacenters", HetznerCatalog.Datacenters.Keys.Select(HetznerCatalog.DatacenterJson), c.Request.Query)));
        v1.MapGet("/images", (HttpContext c) => Handle(c, "GET /images", false, () => Project.ListCatalog("images", HetznerCatalog.Images.Select(HetznerCatalog.Json), c.Request.Query)));
    }

    /// <summary>The API's error body: {"error": {"code", "message", "details"}}.</summary>
    public static IResult Error(int status, string code, string message, JsonObject? details = null, IReadOnlyDictionary<string, string>? headers = null) =>
        ApiJson.Answer(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["details"] = details ?? new JsonObject() } }, headers);

    private Task Handle(HttpContext context, string operation, bool mutating, Func<IResult> handler) =>
        Handle(context, operation, mutating, () => Task.FromResult(handler()));

    /// <summary>Authenticates, applies an armed failure, runs the handler, records the call, and writes the answer with the per-call headers.</summary>
    private async Task Handle(HttpContext context, string operation, bool mutating, Func<Task<IResult>> handler)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-Correlation-Id"] = Guid.NewGuid().ToString("N").Substring(0, 16),
            ["RateLimit-Limit"] = RateLimit.ToString(CultureInfo.InvariantCulture),
            ["RateLimit-Remaining"] = Math.Max(0, Interlocked.Decrement(ref remaining)).ToString(CultureInfo.InvariantCulture),
            ["RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        IResult result;
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + token)
            result = Error(401, "unauthorized", "unable to authenticate");
        else if (failures.Take(operation) is { } failure)
            result = Injected(failure, headers);
        else
            result = await handler();
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? 200;
        Ledger.Record(new LedgerCall(Name, operation, mutating, status));
        foreach (var header in headers) context.Response.Headers[header.Key] = header.Value;
        await result.ExecuteAsync(context);
    }

    private static IResult Injected(InjectedFailure failure, Dictionary<string, string> headers)
    {
        switch (failure)
        {
            case InjectedFailure.Throttled:
                headers["RateLimit-Remaining"] = "0";
                return Error(429, "rate_limit_exceeded", "limit of 3600 requests per hour reached");
            case InjectedFailure.QuotaExceeded:
                return Error(403, "resource_limit_exceeded", "server limit exceeded",
                    new JsonObject { ["limits"] = new JsonArray(new JsonObject { ["name"] = "server_limit" }) });
            case InjectedFailure.Unauthorized:
                return Error(401, "unauthorized", "unable to authenticate");
            default:
                return Error(500, "server_error", "Error within the API backend");
        }
    }
}
