using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MultiCloud.CloudDoubles.Cloudflare;

/// <summary>
/// Test double of the Cloudflare API v4 (https://developers.cloudflare.com/api/), DNS only, under "/client/v4/": zones
/// looked up by name, dns_records listed (name/type filters, pages), created, patched and deleted. Answers in the
/// API's envelope ({success, errors, messages, result, result_info}) with a cf-ray header, authenticates the bearer
/// token and validates records as the API does. See README.md.
/// </summary>
public sealed class CloudflareDouble : IApiDouble
{
    public const string BasePath = "/client/v4";

    private readonly string token;
    private readonly FailurePlan failures;

    public CloudflareDouble(string token, ResourceLedger ledger, FailurePlan failures, params string[] zones)
    {
        this.token = token;
        this.failures = failures;
        Ledger = ledger;
        Zones = new CloudflareZones(ledger, zones);
    }

    public string Name => "cloudflare";

    public ResourceLedger Ledger { get; }

    public CloudflareZones Zones { get; }

    /// <summary>The endpoint setting a provider is given: the host's address and "/client/v4/".</summary>
    public static string Endpoint(DoubleHost host) => new Uri(host.BaseAddress, "client/v4/").ToString();

    public void Map(IEndpointRouteBuilder routes)
    {
        var v4 = routes.MapGroup(BasePath);
        v4.MapGet("/zones", (HttpContext c) => Handle(c, "GET /zones", false, () => Zones.ListZones(c.Request.Query)));
        v4.MapGet("/zones/{zone}/dns_records", (HttpContext c, string zone) => Handle(c, "GET /dns_records", false, () => Zones.ListRecords(zone, c.Request.Query)));
        v4.MapPost("/zones/{zone}/dns_records", (HttpContext c, string zone) =>
            Handle(c, "POST /dns_records", true, async () => Zones.CreateRecord(zone, await ApiJson.ReadObjectAsync(c.Request))));
        v4.MapMethods("/zones/{zone}/dns_records/{id}", new[] { "PATCH" }, (HttpContext c, string zone, string id) =>
            Handle(c, "PATCH /dns_records", true, async () => Zones.PatchRecord(zone, id, await ApiJson.ReadObjectAsync(c.Request))));
        v4.MapDelete("/zones/{zone}/dns_records/{id}", (HttpContext c, string zone, string id) => Handle(c, "DELETE /dns_records", true, () => Zones.DeleteRecord(zone, id)));
    }

    /// <summary>The API's failure envelope.</summary>
    public static IResult Error(int status, int code, string message) => ApiJson.Answer(status, new JsonObject
    {
        ["success"] = false,
        ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }),
        ["messages"] = new JsonArray(),
        ["result"] = null,
    });

    /// <summary>The API's success envelope, with result_info for lists.</summary>
    public static IResult Success(int status, JsonNode? result, JsonObject? resultInfo = null)
    {
        var body = new JsonObject { ["success"] = true, ["errors"] = new JsonArray(), ["messages"] = new JsonArray(), ["result"] = result };
        if (resultInfo != null) body["result_info"] = resultInfo;
        return ApiJson.Answer(status, body);
    }

    private Task Handle(HttpContext context, string operation, bool mutating, Func<IResult> handler) =>
        Handle(context, operation, mutating, () => Task.FromResult(handler()));

    private async Task Handle(HttpContext context, string operation, bool mutating, Func<Task<IResult>> handler)
    {
        context.Response.Headers["cf-ray"] = Guid.NewGuid().ToString("N").Substring(0, 16) + "-FRA";
        IResult result;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            result = Error(400, 6003, "Invalid request headers");
        else if (authorization != "Bearer " + token)
            result = Error(403, 10000, "Authentication error");
        else if (failures.Take(operation) is { } failure)
            result = Injected(context, failure);
        else
            result = await handler();
        Ledger.Record(new LedgerCall(Name, operation, mutating, (result as IStatusCodeHttpResult)?.StatusCode ?? 200));
        await result.ExecuteAsync(context);
    }

    private static IResult Injected(HttpContext context, InjectedFailure failure)
    {
        switch (failure)
        {
            case InjectedFailure.Throttled:
                context.Response.Headers["Retry-After"] = "1";
                return Error(429, 971, "Please wait and consider throttling your request speed");
            case InjectedFailure.QuotaExceeded:
                return Error(400, 81045, "Record quota exceeded.");
            case InjectedFailure.Unauthorized:
                return Error(403, 10000, "Authentication error");
            default:
                return Error(500, 10002, "An unknown error has occurred");
        }
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
