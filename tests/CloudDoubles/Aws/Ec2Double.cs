using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>One EC2 request being answered: the caller's account, the region of its credential scope, its parameters.</summary>
public sealed record Ec2Call(string Account, string Region, Ec2Query Query, string RequestId);

/// <summary>
/// Test double of the EC2 Query API (version 2016-11-15) for what MultiCloud's AWS provider calls through AWSSDK.EC2:
/// key pairs, VPCs, subnets, internet gateways, route tables, security groups and their rules, instances with
/// ClientToken idempotency and state transitions, Elastic IPs, and the catalog lookups (regions, zones, instance-type
/// offerings, images). Every request must carry a valid SigV4 signature of a known key; the double serves every region
/// on one host and takes the region from the signature's credential scope. Answers are XML in EC2's namespace with a
/// requestId; errors use EC2's Response/Errors shape. RunInstances boots a machine through the
/// <see cref="IMachineBackend"/> with the decoded user data and reports its address as the public IP. See README.md.
/// </summary>
public sealed partial class Ec2Double : IApiDouble
{
    public const string ApiVersion = "2016-11-15";

    private static readonly SigV4Verifier.Codes Codes = new("MissingAuthenticationToken", "AuthFailure", "SignatureDoesNotMatch", "RequestExpired");

    private readonly object gate = new();
    private readonly Dictionary<string, Ec2Resource> resources = new(StringComparer.Ordinal);
    private readonly AwsIdentities identities;
    private readonly ResourceLedger ledger;
    private readonly FailurePlan failures;
    private readonly IMachineBackend backend;

    public Ec2Double(AwsIdentities identities, ResourceLedger ledger, FailurePlan failures, IMachineBackend backend)
    {
        this.identities = identities;
        this.ledger = ledger;
        this.failures = failures;
        this.backend = backend;
    }

    public string Name => "ec2";

    public Ec2Catalog Catalog { get; } = new();

    /// <summary>Describes an instance answers "pending" (after its machine booted) or "shutting-down" before it moves on.</summary>
    public int PollsBeforeTransition { get; set; } = 1;

    /// <summary>vCPUs of running instances an account may have per region ("Running On-Demand Standard instances").</summary>
    public int VcpuLimit { get; set; } = 64;

    /// <summary>Elastic IPs per account and region (EC2's default is 5).</summary>
    public int AddressLimit { get; set; } = 5;

    /// <summary>VPCs per account and region (EC2's default is 5).</summary>
    public int VpcLimit { get; set; } = 5;

    /// <summary>The double's clock for signature dates (a test moves it to show expired signatures are refused).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    private readonly Dictionary<string, int> lostAnswers = new(StringComparer.Ordinal);
    private readonly HashSet<string> unindexed = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="times"/> calls of an action do their work but answer 500, as if the answer were lost on the way.</summary>
    public void LoseAnswers(string action, int times = 1)
    {
        lock (gate) lostAnswers[action] = times;
    }

    /// <summary>
    /// New instances are not yet found by filtered searches (EC2's eventual consistency: a describe by tag right after
    /// RunInstances may miss the instance) until <see cref="IndexInstances"/>.
    /// </summary>
    public bool DelayInstanceIndex { get; set; }

    /// <summary>Filtered searches find every instance again.</summary>
    public void IndexInstances()
    {
        lock (gate) unindexed.Clear();
    }

    /// <summary>Raised before each request is answered (action): lets a test act "at the same time" as the client.</summary>
    public event Action<string>? Requested;

    /// <summary>Raised after an action did its work, before its answer is sent (action): a test cancels the client here to crash it mid-call.</summary>
    public event Action<string>? Applied;

    /// <summary>Every resource the double holds (terminated instances included until forgotten).</summary>
    public IReadOnlyList<Ec2Resource> Resources
    {
        get { lock (gate) return resources.Values.ToList(); }
    }

    /// <summary>Terminated instances stop being listed, as EC2 forgets them after about an hour (their client tokens stay valid).</summary>
    public void ForgetTerminated()
    {
        lock (gate)
            foreach (var instance in resources.Values.OfType<Ec2Instance>().Where(i => i.State == "terminated")) instance.Forgotten = true;
    }

    public void Map(IEndpointRouteBuilder routes) => routes.MapPost("/", HandleAsync);

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var requestId = Guid.NewGuid().ToString();
        var parameters = QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var action = parameters.TryGetValue("Action", out var named) ? named : "";
        XDocument answer;
        int status;
        try
        {
            answer = Ec2Xml.Response(action, requestId, Answer(http.Request, body, action, new Ec2Query(parameters), requestId));
            status = 200;
        }
        catch (Ec2Error error)
        {
            answer = Ec2Xml.Error(error.Code, error.Message, requestId);
            status = error.Status;
        }
        ledger.Record(new LedgerCall(Name, action, !action.StartsWith("Describe", StringComparison.Ordinal), status));
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml;charset=UTF-8";
        await http.Response.WriteAsync(answer.Declaration + answer.ToString(SaveOptions.DisableFormatting));
    }

    private IEnumerable<object?> Answer(HttpRequest request, byte[] body, string action, Ec2Query query, string requestId)
    {
        var signature = SigV4Verifier.Verify(request, body, "ec2", identities, Codes, Clock());
        if (!signature.Ok) throw new Ec2Error(signature.Status, signature.ErrorCode!, signature.ErrorMessage!);
        if (action.Length == 0) throw new Ec2Error(400, "MissingAction", "The request must contain the parameter Action");
        if (query["Version"] != ApiVersion) throw new Ec2Error(400, "InvalidParameterValue", $"Invalid value '{query["Version"]}' for Version; this double speaks {ApiVersion}.");
        Requested?.Invoke(action);
        Inject(action);
        if (identities.IsDenied(signature.Key!.AccessKeyId, action))
            throw new Ec2Error(403, "UnauthorizedOperation", $"You are not authorized to perform this operation. User: arn:aws:iam::{signature.Key.Account}:user/multicloud is not authorized to perform: ec2:{action} because no identity-based policy allows the ec2:{action} action.");
        if (!Catalog.Regions.TryGetValue(signature.Region, out var enabled) || !enabled)
            throw new Ec2Error(401, "OptInRequired", "You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.");
        var call = new Ec2Call(signature.Key.Account, signature.Region, query, requestId);
        lock (gate)
        {
            var answer = Dispatch(action, call).ToList();
            Applied?.Invoke(action);
            if (lostAnswers.TryGetValue(action, out var left) && left > 0)
            {
                lostAnswers[action] = left - 1;
                throw new Ec2Error(500, "InternalError", "An internal error has occurred");
            }
            return answer;
        }
    }

    private IEnumerable<object?> Dispatch(string action, Ec2Call call) => action switch
    {
        "DescribeRegions" => DescribeRegions(),
        "DescribeAvailabilityZones" => DescribeAvailabilityZones(call),
        "DescribeInstanceTypeOfferings" => DescribeInstanceTypeOfferings(call),
        "DescribeImages" => DescribeImages(call),
        "ImportKeyPair" => ImportKeyPair(call),
        "DescribeKeyPairs" => DescribeKeyPairs(call),
        "DeleteKeyPair" => DeleteKeyPair(call),
        "CreateVpc" => CreateVpc(call),
        "DescribeVpcs" => DescribeVpcs(call),
        "DeleteVpc" => DeleteVpc(call),
        "CreateSubnet" => CreateSubnet(call),
        "DescribeSubnets" => DescribeSubnets(call),
        "DeleteSubnet" => DeleteSubnet(call),
        "CreateInternetGateway" => CreateInternetGateway(call),
        "DescribeInternetGateways" => DescribeInternetGateways(call),
        "AttachInternetGateway" => AttachInternetGateway(call),
        "DetachInternetGateway" => DetachInternetGateway(call),
        "DeleteInternetGateway" => DeleteInternetGateway(call),
        "CreateRouteTable" => CreateRouteTable(call),
        "DescribeRouteTables" => DescribeRouteTables(call),
        "CreateRoute" => CreateRoute(call),
        "AssociateRouteTable" => AssociateRouteTable(call),
        "DisassociateRouteTable" => DisassociateRouteTable(call),
        "DeleteRouteTable" => DeleteRouteTable(call),
        "CreateSecurityGroup" => CreateSecurityGroup(call),
        "DescribeSecurityGroups" => DescribeSecurityGroups(call),
        "AuthorizeSecurityGroupIngress" => AuthorizeSecurityGroupIngress(call),
        "RevokeSecurityGroupIngress" => RevokeSecurityGroupIngress(call),
        "DeleteSecurityGroup" => DeleteSecurityGroup(call),
        "RunInstances" => RunInstances(call),
        "DescribeInstances" => DescribeInstances(call),
        "StartInstances" => StartInstances(call),
        "TerminateInstances" => TerminateInstances(call),
        "AllocateAddress" => AllocateAddress(call),
        "DescribeAddresses" => DescribeAddresses(call),
        "AssociateAddress" => AssociateAddress(call),
        "DisassociateAddress" => DisassociateAddress(call),
        "ReleaseAddress" => ReleaseAddress(call),
        _ => throw new Ec2Error(400, "InvalidAction", $"The action {action} is not valid for this web service."),
    };

    /// <summary>A failure the test armed for this action, in EC2's own format.</summary>
    private void Inject(string action)
    {
        switch (failures.Take(action))
        {
            case InjectedFailure.Throttled:
                throw new Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.");
            case InjectedFailure.QuotaExceeded when action == "AllocateAddress":
                throw new Ec2Error(400, "AddressLimitExceeded", "The maximum number of addresses has been reached.");
            case InjectedFailure.QuotaExceeded when action == "CreateVpc":
                throw new Ec2Error(400, "VpcLimitExceeded", "The maximum number of VPCs has been reached.");
            case InjectedFailure.QuotaExceeded:
                throw new Ec2Error(400, "InstanceLimitExceeded", "You have requested more instances (1) than your current instance limit of 0 allows for the specified instance type. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.");
            case InjectedFailure.ServerError:
                throw new Ec2Error(500, "InternalError", "An internal error has occurred");
            case InjectedFailure.Unauthorized:
                throw new Ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
        }
    }

    private static string NewId(string prefix) => prefix + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9)).ToLowerInvariant()[..17];

    private void Add(Ec2Resource resource)
    {
        resources[resource.Id] = resource;
        ledger.Put(new LedgerEntry(Name, resource.Type, resource.Id, new Dictionary<string, string>(resource.Tags)));
    }

    private void Remove(Ec2Resource resource)
    {
        resources.Remove(resource.Id);
        ledger.Remove(Name, resource.Id);
    }

    /// <summary>The caller's resources of one kind in its region.</summary>
    private IEnumerable<T> Mine<T>(Ec2Call call) where T : Ec2Resource =>
        resources.Values.OfType<T>().Where(r => r.Account == call.Account && r.Region == call.Region).OrderBy(r => r.Id, StringComparer.Ordinal);

    private T Get<T>(Ec2Call call, string? id, string notFoundCode, string what) where T : Ec2Resource =>
        Mine<T>(call).FirstOrDefault(r => r.Id == id) ?? throw new Ec2Error(400, notFoundCode, $"The {what} ID '{id}' does not exist");

    /// <summary>EC2's filter semantics: every filter must match; values of one filter are alternatives; tag:K filters on tag K.</summary>
    private static IEnumerable<T> Filter<T>(IEnumerable<T> items, Ec2Call call, Func<T, string, IEnumerable<string?>?> attribute) where T : Ec2Resource
    {
        var filters = call.Query.Filters();
        return items.Where(item => filters.All(filter =>
        {
            IEnumerable<string?>? actual = filter.Name.StartsWith("tag:", StringComparison.Ordinal)
                ? new[] { item.Tags.TryGetValue(filter.Name[4..], out var tag) ? tag : null }
                : filter.Name == "tag-key" ? item.Tags.Keys : attribute(item, filter.Name);
            if (actual is null) throw new Ec2Error(400, "InvalidParameterValue", $"The filter '{filter.Name}' is invalid");
            return actual.Any(a => a != null && filter.Values.Contains(a));
        }));
    }

    /// <summary>Tags of a TagSpecification, checked as EC2 checks them (50 at most, no "aws:" prefix, lengths).</summary>
    private static Dictionary<string, string> TagsOf(Ec2Call call, string resourceType, params string[] allowedTypes)
    {
        foreach (var type in call.Query.TaggedTypes())
            if (!allowedTypes.Contains(type))
                throw new Ec2Error(400, "InvalidParameterValue", $"'{type}' is not a valid taggable resource type for this operation.");
        var tags = call.Query.TagsFor(resourceType);
        if (tags.Count > 50) throw new Ec2Error(400, "TagLimitExceeded", "The maximum number of tags (50) for a resource has been reached.");
        foreach (var tag in tags)
        {
            if (tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)) throw new Ec2Error(400, "InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use");
            if (tag.Key.Length > 128 || tag.Value.Length > 256) throw new Ec2Error(400, "InvalidParameterValue", $"Tag '{tag.Key}' is too long.");
        }
        return tags;
    }

    private static object[] Return() => new object[] { Ec2Xml.E("return", "true") };
}
