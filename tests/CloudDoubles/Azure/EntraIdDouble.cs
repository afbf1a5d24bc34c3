using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MultiCloud.CloudDoubles.Azure;

/// <summary>
/// Test double of Microsoft Entra ID's token service for the OAuth 2.0 client-credentials flow, as MSAL (through
/// Azure.Identity's <c>ClientSecretCredential</c>) calls it: <c>POST /{tenant}/oauth2/v2.0/token</c>, plus the
/// instance-discovery and OpenID configuration documents MSAL reads for an authority it does not know. Refuses
/// unknown tenants, unknown applications, wrong secrets and non-<c>/.default</c> scopes with Entra's JSON error shape
/// and AADSTS codes.
/// </summary>
public sealed class EntraIdDouble : IApiDouble
{
    public const string TokenOperation = "POST token";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly AzureDirectory directory;
    private readonly ResourceLedger ledger;
    private readonly FailurePlan failures;

    public EntraIdDouble(AzureDirectory directory, ResourceLedger ledger, FailurePlan failures)
    {
        this.directory = directory;
        this.ledger = ledger;
        this.failures = failures;
    }

    public string Name => "entra";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/common/discovery/instance", (HttpContext http) => Answer(http, "GET discovery", 200, Discovery(http)));
        routes.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext http, string tenant) => Answer(http, "GET openid-configuration", 200, OpenIdConfiguration(http, tenant)));
        routes.MapPost("/{tenant}/oauth2/v2.0/token", (HttpContext http, string tenant) => TokenAsync(http, tenant));
        routes.MapGet(ManagedIdentityPath, ManagedIdentityToken);
    }

    private async Task<IResult> TokenAsync(HttpContext http, string tenant)
    {
        var form = await http.Request.ReadFormAsync();
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : "";
        switch (failures.Take(TokenOperation))
        {
            case InjectedFailure.Throttled:
                http.Response.Headers.RetryAfter = "1";
                return Answer(http, TokenOperation, 429, Error("temporarily_unavailable", 50196, "The server is temporarily unavailable (throttled)."));
            case InjectedFailure.ServerError or InjectedFailure.QuotaExceeded:
                return Answer(http, TokenOperation, 500, Error("server_error", 90033, "A transient error has occurred. Please try again."));
            case InjectedFailure.Unauthorized:
                return Answer(http, TokenOperation, 401, Error("invalid_client", 7000215, "Invalid client secret provided."));
        }
        if (Field("grant_type") != "client_credentials")
            return Answer(http, TokenOperation, 400, Error("unsupported_grant_type", 70003, "The app requested an unsupported grant type."));
        if (!directory.HasTenant(tenant))
            return Answer(http, TokenOperation, 400, Error("invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID."));
        var clientId = Field("client_id");
        var secret = directory.SecretOf(tenant, clientId);
        if (secret is null)
            return Answer(http, TokenOperation, 400, Error("unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{tenant}'."));
        if (!string.Equals(Field("client_secret"), secret, StringComparison.Ordinal))
            return Answer(http, TokenOperation, 401, Error("invalid_client", 7000215,
                $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'."));
        var scope = Field("scope").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => s.EndsWith("/.default", StringComparison.Ordinal));
        if (scope is null)
            return Answer(http, TokenOperation, 400, Error("invalid_scope", 1002012, "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier."));
        var audience = scope[..^"/.default".Length];
        var token = directory.Issue(tenant, clientId, audience, Lifetime);
        return Answer(http, TokenOperation, 200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)Lifetime.TotalSeconds,
            ["ext_expires_in"] = (int)Lifetime.TotalSeconds,
            ["access_token"] = token,
        });
    }

    /// <summary>Where the managed-identity endpoint is served; IDENTITY_ENDPOINT names it in full.</summary>
    public const string ManagedIdentityPath = "/msi/token";

    /// <summary>
    /// The App Service / Azure Automation managed-identity endpoint (api-version 2019-08-01): the caller proves it runs
    /// "here" with X-IDENTITY-HEADER; the token is for <c>resource</c>, as the identity's client.
    /// </summary>
    private IResult ManagedIdentityToken(HttpContext http)
    {
        const string operation = "GET msi token";
        var identity = directory.ManagedIdentity;
        var query = http.Request.Query;
        if (identity is null)
            return Answer(http, operation, 400, new JsonObject { ["statusCode"] = 400, ["message"] = "No managed identity is assigned to this resource." });
        if (http.Request.Headers["X-IDENTITY-HEADER"].ToString() != identity.Value.Header)
            return Answer(http, operation, 401, new JsonObject { ["statusCode"] = 401, ["message"] = "The X-IDENTITY-HEADER is missing or not valid." });
        if (query["api-version"].ToString() != "2019-08-01" || string.IsNullOrEmpty(query["resource"]))
            return Answer(http, operation, 400, new JsonObject { ["statusCode"] = 400, ["message"] = "api-version 2019-08-01 and resource are required." });
        var clientId = query["client_id"].ToString();
        if (clientId.Length > 0 && !string.Equals(clientId, identity.Value.Client, StringComparison.OrdinalIgnoreCase))
            return Answer(http, operation, 400, new JsonObject { ["statusCode"] = 400, ["message"] = $"No user-assigned identity with client id '{clientId}' is assigned to this resource." });
        var resource = query["resource"].ToString();
        var token = directory.Issue(identity.Value.Tenant, identity.Value.Client, resource.EndsWith("/.default", StringComparison.Ordinal) ? resource[..^"/.default".Length] : resource, Lifetime);
        return Answer(http, operation, 200, new JsonObject
        {
            ["access_token"] = token,
            ["expires_on"] = (DateTimeOffset.UtcNow + Lifetime).ToUnixTimeSeconds().ToString(),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = identity.Value.Client,
        });
    }

    private static JsonObject Discovery(HttpContext http)
    {
        var host = http.Request.Host.Value ?? "127.0.0.1";
        return new JsonObject
        {
            ["tenant_discovery_endpoint"] = $"https://{host}/common/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = host,
                ["preferred_cache"] = host,
                ["aliases"] = new JsonArray(host),
            }),
        };
    }

    private static JsonObject OpenIdConfiguration(HttpContext http, string tenant)
    {
        var authority = $"https://{http.Request.Host.Value}/{tenant}";
        return new JsonObject
        {
            ["issuer"] = authority + "/v2.0",
            ["authorization_endpoint"] = authority + "/oauth2/v2.0/authorize",
            ["token_endpoint"] = authority + "/oauth2/v2.0/token",
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["tenant_region_scope"] = "EU",
        };
    }

    private static JsonObject Error(string error, int code, string description)
    {
        var traceId = Guid.NewGuid().ToString();
        return new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description} Trace ID: {traceId} Correlation ID: {Guid.NewGuid()} Timestamp: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss") + "Z",
            ["trace_id"] = traceId,
            ["correlation_id"] = Guid.NewGuid().ToString(),
            ["error_uri"] = "https://login.microsoftonline.com/error?code=" + code,
        };
    }

    private IResult Answer(HttpContext http, string operation, int status, JsonObject body)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-ms-request-id"] = requestId;
        if (http.Request.Headers.TryGetValue("client-request-id", out var client)) http.Response.Headers["client-request-id"] = client.ToString();
        ledger.Record(new LedgerCall(Name, operation, Mutating: false, status));
        return Results.Text(body.ToJsonString(), "application/json; charset=utf-8", statusCode: status);
    }
}
