using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MultiCloud.CloudDoubles.Azure;

/// <summary>
/// Test double of Azure Resource Manager for what MultiCloud's Azure provider calls through Azure.ResourceManager:
/// subscriptions (each bound to the service principals allowed in it), resource groups, the generic resources by id
/// (virtual networks, network security groups, public IPs, NICs, VMs, disks, DNS zones and record sets) with their
/// API versions, tags, provisioningState and long-running operations, the Resource SKUs and image-version lists.
/// Every answer carries <c>x-ms-request-id</c> and the <c>x-ms-ratelimit-remaining-*</c> headers; errors use ARM's
/// JSON shape. A VM create boots a machine through the <see cref="IMachineBackend"/> with the customData it got and
/// reports its address on the public IP; a VM delete destroys it. See README.md for the operations and references.
/// </summary>
public sealed partial class ArmDouble : IApiDouble
{
    private readonly object gate = new();
    private readonly Dictionary<string, ArmSubscription> subscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ArmEntity> entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ArmOperation> operations = new(StringComparer.OrdinalIgnoreCase);
    private readonly AzureDirectory directory;
    private readonly ResourceLedger ledger;
    private readonly FailurePlan failures;
    private readonly IMachineBackend backend;

    public ArmDouble(AzureDirectory directory, ResourceLedger ledger, FailurePlan failures, IMachineBackend backend)
    {
        this.directory = directory;
        this.ledger = ledger;
        this.failures = failures;
        this.backend = backend;
    }

    public string Name => "arm";

    public ArmCatalog Catalog { get; } = new();

    /// <summary>The audience tokens must be issued for: the ARM endpoint's URL, as ARM's own is "https://management.azure.com/".</summary>
    public string Audience { get; set; } = "";

    /// <summary>How many times a long-running operation answers "InProgress" before it may finish (so every create is polled).</summary>
    public int PollsBeforeDone { get; set; } = 1;

    /// <summary>Seconds in the Retry-After of throttled answers and of operations still running.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public void AddSubscription(string subscriptionId, string tenantId, params string[] allowedClientIds)
    {
        lock (gate)
        {
            var subscription = new ArmSubscription { Id = subscriptionId, TenantId = tenantId };
            subscription.AllowedClients.UnionWith(allowedClientIds);
            subscriptions[subscriptionId] = subscription;
        }
    }

    /// <summary>Lets one more identity (a managed identity, a second service principal) act in the subscription.</summary>
    public void Allow(string subscriptionId, string clientId)
    {
        lock (gate) subscriptions[subscriptionId].AllowedClients.Add(clientId);
    }

    /// <summary>Sets the regional vCPU quota of a subscription (a VM create beyond it is refused as Azure refuses it).</summary>
    public void SetCoreQuota(string subscriptionId, int cores)
    {
        lock (gate) subscriptions[subscriptionId].CoreQuota = cores;
    }

    /// <summary>Raised before each request is answered (method, path): lets a test act "at the same time" as the client.</summary>
    public event Action<string, string>? Requested;

    /// <summary>A resource as ARM would answer a GET of its id (null when absent): for tests to check what a client sent.</summary>
    public JsonObject? Get(string id)
    {
        lock (gate) return entities.TryGetValue(id, out var entity) ? entity.ToJson() : null;
    }

    /// <summary>Someone else changes the resource: it gets a new ETag (as any write gives it), so an If-Match with the old one fails.</summary>
    public void Touch(string id)
    {
        lock (gate) entities[id].ETag = Guid.NewGuid().ToString();
    }

    public void Map(IEndpointRouteBuilder routes) => routes.Map("/{**path}", HandleAsync);

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-ms-request-id"] = requestId;
        http.Response.Headers["x-ms-correlation-request-id"] = request.Headers.TryGetValue("x-ms-correlation-request-id", out var correlation) ? correlation.ToString() : requestId;
        JsonNode? body = null;
        if (request.ContentLength > 0 || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync();
            if (text.Length > 0)
            {
                try { body = JsonNode.Parse(text); }
                catch (System.Text.Json.JsonException) { body = null; }
            }
        }
        var route = ArmRoute.Parse(request.Path.Value ?? "/", request.Method);
        Requested?.Invoke(route.Method, route.Path);
        var reply = Authorize(request, route) ?? Inject(route) ?? CheckApiVersion(request, route) ?? Dispatch(http, route, body);
        await WriteAsync(http, route, reply);
    }

    private async Task WriteAsync(HttpContext http, ArmRoute route, ArmReply reply)
    {
        var mutating = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
        string remaining;
        lock (gate)
        {
            var count = 0;
            if (route.Subscription != null && subscriptions.TryGetValue(route.Subscription, out var subscription))
                count = mutating ? subscription.WritesLeft = Math.Max(0, subscription.WritesLeft - 1) : subscription.ReadsLeft = Math.Max(0, subscription.ReadsLeft - 1);
            remaining = count.ToString();
        }
        http.Response.Headers[mutating ? "x-ms-ratelimit-remaining-subscription-writes" : "x-ms-ratelimit-remaining-subscription-reads"] = remaining;
        foreach (var header in reply.Headers ?? new Dictionary<string, string>()) http.Response.Headers[header.Key] = header.Value;
        ledger.Record(new LedgerCall(Name, route.Operation, mutating, reply.Status));
        http.Response.StatusCode = reply.Status;
        if (reply.Body != null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(reply.Body.ToJsonString());
        }
    }

    /// <summary>Bearer token → service principal → allowed in the subscription, with ARM's 401/403 answers.</summary>
    private ArmReply? Authorize(HttpRequest request, ArmRoute route)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return ArmReply.Error(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        var token = directory.Validate(header["Bearer ".Length..].Trim());
        if (token is null)
            return ArmReply.Error(401, "InvalidAuthenticationToken", "The access token is invalid.");
        if (!string.Equals(token.Audience.TrimEnd('/'), Audience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            return ArmReply.Error(401, "InvalidAuthenticationTokenAudience",
                $"The access token has been obtained for wrong audience or resource '{token.Audience}'. It should exactly match with one of the allowed audiences '{Audience}'.");
        if (route.Subscription is null) return null;
        lock (gate)
        {
            if (!subscriptions.TryGetValue(route.Subscription, out var subscription))
                return ArmReply.Error(404, "SubscriptionNotFound", $"The subscription '{route.Subscription}' could not be found.");
            if (!string.Equals(subscription.TenantId, token.TenantId, StringComparison.OrdinalIgnoreCase))
                return ArmReply.Error(401, "InvalidAuthenticationTokenTenant",
                    $"The access token is from the wrong issuer 'https://sts.windows.net/{token.TenantId}/'. It must match the tenant 'https://sts.windows.net/{subscription.TenantId}/' associated with this subscription.");
            if (!subscription.AllowedClients.Contains(token.ClientId))
                return Forbidden(token.ClientId, route);
        }
        return null;
    }

    private static ArmReply Forbidden(string clientId, ArmRoute route) => ArmReply.Error(403, "AuthorizationFailed",
        $"The client '{clientId}' with object id '{clientId}' does not have authorization to perform action '{route.Action}' over scope '{route.Scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.");

    /// <summary>A failure the test armed for this operation, in ARM's own format.</summary>
    private ArmReply? Inject(ArmRoute route)
    {
        var retryAfter = new Dictionary<string, string> { ["Retry-After"] = RetryAfterSeconds.ToString() };
        return failures.Take(route.Operation) switch
        {
            InjectedFailure.Throttled => ArmReply.Error(429, "SubscriptionRequestsThrottled",
                $"Number of '{(route.Method == "GET" ? "read" : "write")}' requests for subscription '{route.Subscription}' actor '(client)' exceeded. Please try again after '{RetryAfterSeconds}' seconds after additional tasks are completed.", headers: retryAfter),
            InjectedFailure.QuotaExceeded => route.Operation.EndsWith("publicIPAddresses", StringComparison.Ordinal)
                ? ArmReply.Error(400, "PublicIPCountLimitReached", "Cannot create more than 10 public IP addresses for this subscription in this region.")
                : ArmReply.Error(409, "OperationNotAllowed", "Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Current Limit: 10, Current Usage: 10, Additional Required: 2."),
            InjectedFailure.ServerError => ArmReply.Error(500, "InternalServerError", $"Encountered internal server error. Diagnostic information: timestamp '{DateTime.UtcNow:yyyyMMddTHHmmssZ}', tracking id '{Guid.NewGuid()}'."),
            InjectedFailure.Unauthorized => ArmReply.Error(403, "AuthorizationFailed", $"The client does not have authorization to perform action '{route.Action}' over scope '{route.Scope}'."),
            _ => null,
        };
    }

    private static ArmReply? CheckApiVersion(HttpRequest request, ArmRoute route)
    {
        var version = request.Query["api-version"].ToString();
        if (route.Kind == RouteKind.Operation) return null;
        if (version.Length == 0)
            return ArmReply.Error(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        var supported = ArmApiVersions.For(route);
        if (supported is null)
            return ArmReply.Error(400, "InvalidResourceType", $"The resource type '{route.ResourceType}' could not be found in the namespace '{route.Namespace}' for api version '{version}'.");
        if (!supported.Contains(version))
            return ArmReply.Error(400, "NoRegisteredProviderFound",
                $"No registered resource provider found for location '' and API version '{version}' for type '{route.ResourceType}'. The supported api-versions are '{string.Join(", ", supported)}'.");
        return null;
    }
}
