using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.CloudDoubles.Azure;

/// <summary>Routing, subscriptions, resource groups, lists and long-running operations of the ARM double.</summary>
public sealed partial class ArmDouble
{
    private static readonly Regex FilterClause = new(@"^\s*(\w+)\s+eq\s+'([^']*)'\s*$", RegexOptions.CultureInvariant);

    private ArmReply Dispatch(HttpContext http, ArmRoute route, JsonNode? body)
    {
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var version = http.Request.Query["api-version"].ToString();
        var filter = ParseFilter(http.Request.Query["$filter"].ToString());
        if (filter is null) return ArmReply.Error(400, "InvalidFilterInQueryString", "The $filter is not supported: use tagName/tagValue, resourceType or location with 'eq'.");
        lock (gate)
        {
            var subscription = route.Subscription is null ? null : subscriptions[route.Subscription];
            return (route.Kind, route.Method) switch
            {
                (RouteKind.Subscription, "GET") => ArmReply.Ok(new JsonObject
                {
                    ["id"] = subscription!.ResourceId, ["subscriptionId"] = subscription.Id, ["tenantId"] = subscription.TenantId,
                    ["displayName"] = "MultiCloud double " + subscription.Id, ["state"] = "Enabled",
                }),
                (RouteKind.GroupList, "GET") => ArmReply.List(subscription!.Groups.Values.Where(g => Matches(g.Tags, null, filter)).Select(g => (JsonNode)g.ToJson())),
                (RouteKind.Group, "GET" or "HEAD") => subscription!.Groups.TryGetValue(route.Group!, out var group) ? ArmReply.Ok(group.ToJson()) : GroupNotFound(route.Group!),
                (RouteKind.Group, "PUT") => PutGroup(subscription!, route.Group!, body),
                (RouteKind.Group, "DELETE") => DeleteGroup(subscription!, route.Group!, origin, version),
                (RouteKind.Resources or RouteKind.GroupResources, "GET") => ListResources(subscription!, route.Group, filter),
                (RouteKind.Locations, "GET") => ArmReply.Ok(Catalog.LocationsJson(subscription!.Id)),
                (RouteKind.Skus, "GET") => ArmReply.Ok(Catalog.SkusJson(filter.GetValueOrDefault("location"))),
                (RouteKind.ImageVersions, "GET") => Catalog.ImageVersionsJson(subscription!.Id, route.Location!, route.Image[0], route.Image[1], route.Image[2]) is { } versions
                    ? ArmReply.Ok(versions)
                    : ArmReply.Error(404, "NotFound", $"Artifact: VMImage was not found."),
                (RouteKind.Operation, "GET") => Poll(route, http.Request.GetEncodedUrlOrPath()),
                (RouteKind.Resource, _) when IsRecordSet(route) => RecordSet(subscription!, route, http.Request, body),
                (RouteKind.RecordSetList, "GET") => ListRecordSets(subscription!, route),
                (RouteKind.Resource, "GET") => Find(subscription!, route) is { } found ? ArmReply.Ok(found.ToJson()) : ResourceNotFound(subscription!, route),
                (RouteKind.Resource, "PUT") => PutResource(subscription!, route, body, origin, version),
                (RouteKind.Resource, "PATCH") => PatchResource(subscription!, route, body),
                (RouteKind.Resource, "DELETE") => DeleteResource(subscription!, route, origin, version),
                _ => ArmReply.Error(404, "NotFound", $"No HTTP resource was found that matches the request URI '{route.Path}' for {route.Method}."),
            };
        }
    }

    private static Dictionary<string, string>? ParseFilter(string text)
    {
        var clauses = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(text)) return clauses;
        foreach (var part in Regex.Split(text, @"\s+and\s+", RegexOptions.IgnoreCase))
        {
            var match = FilterClause.Match(part);
            if (!match.Success) return null;
            clauses[match.Groups[1].Value] = match.Groups[2].Value;
        }
        return clauses;
    }

    private static bool Matches(IReadOnlyDictionary<string, string> tags, string? type, IReadOnlyDictionary<string, string> filter)
    {
        if (filter.TryGetValue("resourceType", out var wanted) && !string.Equals(wanted, type, StringComparison.OrdinalIgnoreCase)) return false;
        if (!filter.TryGetValue("tagName", out var name)) return true;
        if (!tags.TryGetValue(name, out var value)) return false;
        return !filter.TryGetValue("tagValue", out var wantedValue) || value == wantedValue;
    }

    private ArmReply PutGroup(ArmSubscription subscription, string name, JsonNode? body)
    {
        var location = ArmJson.Text(body, "location");
        if (location is null) return ArmReply.Error(400, "LocationRequired", "The location property is required for this definition.");
        if (!Catalog.Locations.Contains(location))
            return ArmReply.Error(400, "LocationNotAvailableForResourceGroup", $"The provided location '{location}' is not available for resource group. List of available regions is '{string.Join(",", Catalog.Locations)}'.");
        if (InvalidTags(body?["tags"]) is { } tagError) return tagError;
        var created = !subscription.Groups.TryGetValue(name, out var group);
        if (group != null && !string.Equals(group.Location, location, StringComparison.OrdinalIgnoreCase))
            return ArmReply.Error(409, "InvalidResourceGroupLocation", $"Invalid resource group location '{location}'. The Resource group already exists in location '{group.Location}'.");
        if (group?.State == "Deleting")
            return ArmReply.Error(409, "ResourceGroupBeingDeleted", $"The resource group '{name}' is in deprovisioning state and cannot perform this operation.");
        group ??= new ArmGroup { SubscriptionId = subscription.Id, Name = name, Location = location.ToLowerInvariant() };
        group.Tags = ArmJson.ReadTags(body?["tags"]);
        subscription.Groups[name] = group;
        ledger.Put(new LedgerEntry(Name, "Microsoft.Resources/resourceGroups", group.Id, group.Tags));
        return new ArmReply(created ? 201 : 200, group.ToJson());
    }

    private ArmReply DeleteGroup(ArmSubscription subscription, string name, string origin, string version)
    {
        if (!subscription.Groups.TryGetValue(name, out var group)) return GroupNotFound(name);
        group.State = "Deleting";
        var inside = entities.Values.Where(e => e.SubscriptionId == subscription.Id && string.Equals(e.Group, name, StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var entity in inside) entity.State = "Deleting";
        var work = Task.Run(async () =>
        {
            foreach (var vm in inside.Where(e => e.IsA(VirtualMachineType))) await backend.DestroyAsync(vm.Name, CancellationToken.None);
            lock (gate)
            {
                foreach (var entity in inside) Forget(entity);
                subscription.Groups.Remove(name);
                ledger.Remove(Name, group.Id);
            }
        });
        return Accepted(subscription, origin, version, work, $"/subscriptions/{subscription.Id}/operationresults/");
    }

    private ArmReply ListResources(ArmSubscription subscription, string? group, IReadOnlyDictionary<string, string> filter)
    {
        if (group != null && !subscription.Groups.ContainsKey(group)) return GroupNotFound(group);
        var found = entities.Values
            .Where(e => e.SubscriptionId == subscription.Id && (group is null || string.Equals(e.Group, group, StringComparison.OrdinalIgnoreCase)))
            .Where(e => !IsRecordSetType(e.Type) && Matches(e.Tags, e.Type, filter))
            .OrderBy(e => e.Id, StringComparer.OrdinalIgnoreCase);
        return ArmReply.List(found.Select(e => (JsonNode)e.ToJson(withProperties: false)));
    }

    /// <summary>A DELETE answered 202 with a Location to poll (the Compute and Resources style).</summary>
    private ArmReply Accepted(ArmSubscription subscription, string origin, string version, Task work, string pathPrefix)
    {
        var operation = NewOperation(work, locationStyle: true);
        return new ArmReply(202, null, new Dictionary<string, string>
        {
            ["Location"] = $"{origin}{pathPrefix}{operation.Id}?api-version={version}",
            ["Retry-After"] = "0",
        });
    }

    private ArmOperation NewOperation(Task work, bool locationStyle)
    {
        var operation = new ArmOperation { Id = Guid.NewGuid().ToString(), Work = work, PollsLeft = PollsBeforeDone, LocationStyle = locationStyle };
        operations[operation.Id] = operation;
        return operation;
    }

    private ArmReply Poll(ArmRoute route, string url)
    {
        if (!operations.TryGetValue(route.OperationId!, out var operation))
            return ArmReply.Error(404, "OperationNotFound", $"The operation '{route.OperationId}' could not be found.");
        if (!operation.Work.IsCompleted || operation.PollsLeft > 0)
        {
            operation.PollsLeft--;
            var headers = new Dictionary<string, string> { ["Retry-After"] = operation.Work.IsCompleted ? "0" : RetryAfterSeconds.ToString() };
            if (operation.LocationStyle) headers["Location"] = url;
            return operation.LocationStyle ? new ArmReply(202, null, headers) : new ArmReply(200, new JsonObject { ["status"] = "InProgress" }, headers);
        }
        if (operation.Work.IsFaulted)
        {
            var cause = operation.Work.Exception?.GetBaseException().Message ?? "unknown";
            var error = new JsonObject { ["code"] = "OSProvisioningInternalError", ["message"] = "OS Provisioning failed due to an internal error: " + cause };
            return operation.LocationStyle ? new ArmReply(500, new JsonObject { ["error"] = error }) : ArmReply.Ok(new JsonObject { ["status"] = "Failed", ["error"] = error });
        }
        return operation.LocationStyle ? new ArmReply(200, null) : ArmReply.Ok(new JsonObject { ["status"] = "Succeeded" });
    }

    private static ArmReply GroupNotFound(string group) => ArmReply.Error(404, "ResourceGroupNotFound", $"Resource group '{group}' could not be found.");

    private static ArmReply? InvalidTags(JsonNode? tags)
    {
        if (tags is null) return null;
        if (tags is not JsonObject json) return ArmReply.Error(400, "InvalidTag", "The tags must be an object of names and string values.");
        if (json.Count > 50) return ArmReply.Error(400, "InvalidTagCount", "The number of tags exceeds the limit of 50.");
        foreach (var tag in json)
        {
            if (tag.Key.Length > 512 || tag.Key.IndexOfAny("<>%&\\?/".ToCharArray()) >= 0)
                return ArmReply.Error(400, "InvalidTagNameCharacters", $"The tag names '{tag.Key}' have reserved characters '<,>,%,&,\\,?,/' or control characters.");
            if ((tag.Value?.ToString() ?? "").Length > 256)
                return ArmReply.Error(400, "InvalidTagValueLength", $"The value of tag '{tag.Key}' exceeds 256 characters.");
        }
        return null;
    }

    /// <summary>Removes a resource from the double and from the ledger.</summary>
    private void Forget(ArmEntity entity)
    {
        entities.Remove(entity.Id);
        ledger.Remove(Name, entity.Id);
    }
}

internal static class HttpRequestUrls
{
    public static string GetEncodedUrlOrPath(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}";
}
