namespace MultiCloud.CloudDoubles.Aws;

/// <summary>
/// The AWS doubles a test starts in one call: EC2 and Route53, each on its own HTTPS port on 127.0.0.1, sharing one set
/// of access keys (<see cref="AwsIdentities"/>), one <see cref="ResourceLedger"/>, one <see cref="FailurePlan"/> and the
/// given <see cref="IMachineBackend"/> (AddressOnly for API tests, the lab backend for lab tests).
/// <see cref="ProviderSettings"/> gives the settings a provider entry of type aws needs to reach them.
/// </summary>
public sealed class AwsCloudDouble : IAsyncDisposable
{
    /// <summary>The account of <see cref="AddAccessKey"/> when none is named.</summary>
    public const string DefaultAccount = "123456789012";

    private readonly DoubleHost ec2Host;
    private readonly DoubleHost route53Host;
    private readonly string trustedCaFile;

    private AwsCloudDouble(DoubleHost ec2Host, DoubleHost route53Host, Ec2Double ec2, Route53Double route53, AwsIdentities identities, FailurePlan failures, string trustedCaFile)
    {
        this.ec2Host = ec2Host;
        this.route53Host = route53Host;
        this.trustedCaFile = trustedCaFile;
        Ec2 = ec2;
        Route53 = route53;
        Identities = identities;
        Failures = failures;
    }

    public Ec2Double Ec2 { get; }
    public Route53Double Route53 { get; }
    public AwsIdentities Identities { get; }
    public FailurePlan Failures { get; }

    /// <summary>The value of the provider's ec2Endpoint setting (one host for every region: the region comes from the signature's scope).</summary>
    public Uri Ec2Endpoint => ec2Host.BaseAddress;

    /// <summary>The value of the provider's route53Endpoint setting.</summary>
    public Uri Route53Endpoint => route53Host.BaseAddress;

    public static async Task<AwsCloudDouble> StartAsync(TestCertificateAuthority authority, ResourceLedger ledger, IMachineBackend backend,
        FailurePlan? failures = null, CancellationToken cancellationToken = default)
    {
        failures ??= new FailurePlan();
        var identities = new AwsIdentities();
        var ec2 = new Ec2Double(identities, ledger, failures, backend);
        var route53 = new Route53Double(identities, ledger, failures);
        var ec2Host = await DoubleHost.StartAsync(ec2, authority, cancellationToken);
        var route53Host = await DoubleHost.StartAsync(route53, authority, cancellationToken);
        return new AwsCloudDouble(ec2Host, route53Host, ec2, route53, identities, failures, authority.PemPath);
    }

    /// <summary>An IAM user's access key in an account: what an admin hands out before a user's first run.</summary>
    public AwsAccessKey AddAccessKey(string accessKeyId, string secretAccessKey, string account = DefaultAccount, string? sessionToken = null)
    {
        var key = new AwsAccessKey(accessKeyId, secretAccessKey, account, sessionToken);
        Identities.Add(key);
        return key;
    }

    /// <summary>The settings of a provider entry of type aws pointed at these doubles (credentials are the test's to add).</summary>
    public IReadOnlyDictionary<string, string> ProviderSettings() => new Dictionary<string, string>
    {
        ["ec2Endpoint"] = Ec2Endpoint.AbsoluteUri,
        ["route53Endpoint"] = Route53Endpoint.AbsoluteUri,
        ["trustedCaFile"] = trustedCaFile,
    };

    public async ValueTask DisposeAsync()
    {
        await route53Host.DisposeAsync();
        await ec2Host.DisposeAsync();
    }
}
