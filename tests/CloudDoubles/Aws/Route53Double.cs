using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>One record set of a hosted zone: fully qualified lower-case name with the trailing dot, type, TTL, values.</summary>
public sealed record Route53Set(string Name, string Type, long Ttl, IReadOnlyList<string> Values);

/// <summary>A hosted zone of the double.</summary>
public sealed class Route53Zone
{
    public required string Id { get; init; }
    public required string Account { get; init; }
    public required string Name { get; init; }
    public bool Private { get; init; }
    public Dictionary<(string Name, string Type), Route53Set> Sets { get; } = new();
}

/// <summary>
/// Test double of Route53's REST XML API (2013-04-01) for what MultiCloud's Route53 client calls: ListHostedZonesByName,
/// ListResourceRecordSets (name order, paging), ChangeResourceRecordSets (atomic batches of CREATE/DELETE/UPSERT with
/// Route53's InvalidChangeBatch rules) and GetChange (PENDING, then INSYNC). Requests must carry a valid SigV4
/// signature scoped to route53 in us-east-1; every answer carries x-amzn-RequestId. See README.md.
/// </summary>
public sealed class Route53Double : IApiDouble
{
    public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";
    public const string SigningRegion = "us-east-1";

    private static readonly SigV4Verifier.Codes Codes = new("MissingAuthenticationToken", "InvalidClientTokenId", "SignatureDoesNotMatch", "RequestExpired");

    private readonly object gate = new();
    private readonly List<Route53Zone> zones = new();
    private readonly Dictionary<string, int> changes = new(StringComparer.Ordinal);
    private readonly AwsIdentities identities;
    private readonly ResourceLedger ledger;
    private readonly FailurePlan failures;

    public Route53Double(AwsIdentities identities, ResourceLedger ledger, FailurePlan failures)
    {
        this.identities = identities;
        this.ledger = ledger;
        this.failures = failures;
    }

    public string Name => "route53";

    /// <summary>GetChange answers PENDING this many times before INSYNC.</summary>
    public int PollsBeforeInsync { get; set; } = 1;

    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Raised before each request is answered (operation): lets a test change records "at the same time" as the client.</summary>
    public event Action<string>? Requested;

    public Route53Zone AddZone(string account, string name, bool isPrivate = false)
    {
        var zone = new Route53Zone { Id = "Z" + Convert.ToHexString(RandomNumberGenerator.GetBytes(7)).ToUpperInvariant(), Account = account, Name = Fqdn(name), Private = isPrivate };
        lock (gate) zones.Add(zone);
        return zone;
    }

    /// <summary>A record set made by someone else (another tool, by hand), as it would exist before MultiCloud runs.</summary>
    public void Put(Route53Zone zone, Route53Set set)
    {
        lock (gate)
        {
            var normal = set with { Name = Fqdn(set.Name) };
            zone.Sets[(normal.Name, normal.Type)] = normal;
            Ledger(zone, normal.Name);
        }
    }

    public IReadOnlyList<Route53Set> Sets(Route53Zone zone)
    {
        lock (gate) return zone.Sets.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Type, StringComparer.Ordinal).ToList();
    }

    public void Map(IEndpointRouteBuilder routes) => routes.Map("/2013-04-01/{**path}", HandleAsync);

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        var path = (http.Request.Path.Value ?? "").TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var operation = (http.Request.Method, segments.Length > 1 ? segments[1] : "", segments.Length) switch
        {
            ("GET", "hostedzonesbyname", 2) => "ListHostedZonesByName",
            ("GET", "hostedzone", 4) when segments[3] == "rrset" => "ListResourceRecordSets",
            ("POST", "hostedzone", 4) when segments[3] == "rrset" => "ChangeResourceRecordSets",
            ("GET", "change", 3) => "GetChange",
            _ => "Unknown",
        };
        XDocument answer;
        var status = 200;
        try
        {
            var signature = SigV4Verifier.Verify(http.Request, body, "route53", identities, Codes, Clock());
            if (!signature.Ok) throw new Route53Error(signature.Status, signature.ErrorCode!, signature.ErrorMessage!);
            if (signature.Region != SigningRegion) throw new Route53Error(403, "SignatureDoesNotMatch", $"Credential should be scoped to a valid region, not '{signature.Region}'.");
            Requested?.Invoke(operation);
            Inject(operation);
            if (identities.IsDenied(signature.Key!.AccessKeyId, operation))
                throw new Route53Error(403, "AccessDenied", $"User: arn:aws:iam::{signature.Key.Account}:user/multicloud is not authorized to perform: route53:{operation}");
            lock (gate) answer = Dispatch(operation, signature.Key.Account, segments, http.Request.Query, body);
        }
        catch (Route53Error error)
        {
            status = error.Status;
            answer = error.Code == "InvalidChangeBatch"
                ? new XDocument(new XElement(Ns + "InvalidChangeBatch", new XElement(Ns + "Messages", error.Messages.Select(m => new XElement(Ns + "Message", m))), new XElement(Ns + "RequestId", requestId)))
                : new XDocument(new XElement(Ns + "ErrorResponse", new XElement(Ns + "Error", new XElement(Ns + "Type", "Sender"), new XElement(Ns + "Code", error.Code), new XElement(Ns + "Message", error.Message)), new XElement(Ns + "RequestId", requestId)));
        }
        ledger.Record(new LedgerCall(Name, operation, operation == "ChangeResourceRecordSets", status));
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml";
        await http.Response.WriteAsync(new XDeclaration("1.0", "UTF-8", null) + answer.ToString(SaveOptions.DisableFormatting));
    }

    private void Inject(string operation)
    {
        switch (failures.Take(operation))
        {
            case InjectedFailure.Throttled: throw new Route53Error(400, "Throttling", "Rate exceeded");
            case InjectedFailure.QuotaExceeded: throw new Route53Error(400, "LimitsExceeded", "The limit on the number of resource record sets in the hosted zone was exceeded.");
            case InjectedFailure.ServerError: throw new Route53Error(500, "InternalFailure", "An internal error occurred.");
            case InjectedFailure.Unauthorized: throw new Route53Error(403, "AccessDenied", $"User is not authorized to perform: route53:{operation}");
        }
    }

    private XDocument Dispatch(string operation, string account, string[] segments, IQueryCollection query, byte[] body) => operation switch
    {
        "ListHostedZonesByName" => ListHostedZonesByName(account, query),
        "ListResourceRecordSets" => Route53Lists.RecordSets(Zone(account, segments[2]), query),
        "ChangeResourceRecordSets" => Change(Zone(account, segments[2]), body),
        "GetChange" => GetChange(segments[2]),
        _ => throw new Route53Error(404, "UnknownOperationException", "The requested operation is not recognized."),
    };

    private XDocument ListHostedZonesByName(string account, IQueryCollection query)
    {
        var start = query["dnsname"].ToString() is { Length: > 0 } name ? Fqdn(name) : "";
        var mine = zones.Where(z => z.Account == account).OrderBy(z => Route53Lists.Reversed(z.Name), StringComparer.Ordinal)
            .Where(z => string.CompareOrdinal(Route53Lists.Reversed(z.Name), Route53Lists.Reversed(start)) >= 0 || start.Length == 0).ToList();
        var max = int.TryParse(query["maxitems"], out var m) ? m : 100;
        return new XDocument(new XElement(Ns + "ListHostedZonesByNameResponse",
            new XElement(Ns + "HostedZones", mine.Take(max).Select(z => new XElement(Ns + "HostedZone",
                new XElement(Ns + "Id", "/hostedzone/" + z.Id), new XElement(Ns + "Name", z.Name), new XElement(Ns + "CallerReference", z.Id),
                new XElement(Ns + "Config", new XElement(Ns + "PrivateZone", z.Private ? "true" : "false")), new XElement(Ns + "ResourceRecordSetCount", z.Sets.Count)))),
            start.Length > 0 ? new XElement(Ns + "DNSName", start) : null,
            new XElement(Ns + "IsTruncated", mine.Count > max ? "true" : "false"), new XElement(Ns + "MaxItems", max)));
    }

    private Route53Zone Zone(string account, string id) =>
        zones.FirstOrDefault(z => z.Id == id && z.Account == account) ?? throw new Route53Error(404, "NoSuchHostedZone", $"No hosted zone found with ID: {id}");

    private XDocument Change(Route53Zone zone, byte[] body)
    {
        var (sets, errors) = Route53Changes.Apply(zone, body);
        if (errors.Count > 0) throw new Route53Error(400, "InvalidChangeBatch", string.Join("; ", errors)) { Messages = errors };
        var touched = zone.Sets.Keys.Concat(sets.Keys).Select(k => k.Name).Distinct().ToList();
        zone.Sets.Clear();
        foreach (var set in sets) zone.Sets[set.Key] = set.Value;
        foreach (var name in touched) Ledger(zone, name);
        var id = "C" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        changes[id] = PollsBeforeInsync;
        return ChangeInfo(id, PollsBeforeInsync > 0 ? "PENDING" : "INSYNC", "ChangeResourceRecordSetsResponse");
    }

    private XDocument GetChange(string id)
    {
        if (!changes.TryGetValue(id, out var left)) throw new Route53Error(404, "NoSuchChange", $"A change with the specified change ID does not exist: {id}");
        changes[id] = Math.Max(0, left - 1);
        return ChangeInfo(id, left > 0 ? "PENDING" : "INSYNC", "GetChangeResponse");
    }

    private static XDocument ChangeInfo(string id, string status, string root) =>
        new(new XElement(Ns + root, new XElement(Ns + "ChangeInfo", new XElement(Ns + "Id", "/change/" + id), new XElement(Ns + "Status", status), new XElement(Ns + "SubmittedAt", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'")))));

    /// <summary>The ledger's view of one name: its A/AAAA/TXT sets, owned by the cluster its TXT set names (Route53 records carry no tags).</summary>
    private void Ledger(Route53Zone zone, string name)
    {
        zone.Sets.TryGetValue((name, "TXT"), out var txt);
        var owner = txt?.Values.Select(v => v.Trim('"')).FirstOrDefault(v => v.StartsWith("multicloud-cluster-id=", StringComparison.Ordinal))?["multicloud-cluster-id=".Length..];
        var tags = owner is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["multicloud-cluster-id"] = owner };
        foreach (var type in new[] { "A", "AAAA", "TXT", "CNAME", "MX" })
        {
            var id = $"{zone.Id}/{name}{type}";
            if (zone.Sets.ContainsKey((name, type))) ledger.Put(new LedgerEntry(Name, type, id, tags));
            else ledger.Remove(Name, id);
        }
    }

    public static string Fqdn(string name) => name.TrimEnd('.').ToLowerInvariant() + ".";

    internal static bool IsAddress(string value, bool v6) =>
        IPAddress.TryParse(value, out var ip) && (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) == v6 && (v6 || value.Count(c => c == '.') == 3);
}

/// <summary>A Route53 error answer; InvalidChangeBatch carries one message per refused change.</summary>
public sealed class Route53Error : Exception
{
    public Route53Error(int status, string code, string message) : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }
    public string Code { get; }
    public IReadOnlyList<string> Messages { get; init; } = Array.Empty<string>();
}
