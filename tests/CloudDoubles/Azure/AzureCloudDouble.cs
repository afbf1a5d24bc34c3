namespace MultiCloud.CloudDoubles.Azure;

/// <summary>
/// The Azure doubles a test starts in one call: the Entra ID token double and the ARM double, each on its own HTTPS
/// port on 127.0.0.1, sharing one directory of tenants and service principals, one <see cref="ResourceLedger"/>, one
/// <see cref="FailurePlan"/> and the given <see cref="IMachineBackend"/> (AddressOnly for API tests, the lab backend
/// for lab tests). <see cref="ProviderSettings"/> gives the settings a provider entry of type azure needs to reach them.
/// </summary>
public sealed class AzureCloudDouble : IAsyncDisposable
{
    private readonly DoubleHost entraHost;
    private readonly DoubleHost armHost;
    private readonly string trustedCaFile;

    private AzureCloudDouble(DoubleHost entraHost, DoubleHost armHost, AzureDirectory directory, ArmDouble arm, FailurePlan failures, string trustedCaFile)
    {
        this.entraHost = entraHost;
        this.armHost = armHost;
        this.trustedCaFile = trustedCaFile;
        Directory = directory;
        Arm = arm;
        Failures = failures;
    }

    public AzureDirectory Directory { get; }
    public ArmDouble Arm { get; }
    public FailurePlan Failures { get; }

    /// <summary>The value of the provider's armEndpoint setting.</summary>
    public Uri ArmEndpoint => armHost.BaseAddress;

    /// <summary>The value of the provider's authorityHost setting.</summary>
    public Uri AuthorityHost => entraHost.BaseAddress;

    public static async Task<AzureCloudDouble> StartAsync(TestCertificateAuthority authority, ResourceLedger ledger, IMachineBackend backend,
        FailurePlan? failures = null, CancellationToken cancellationToken = default)
    {
        failures ??= new FailurePlan();
        var directory = new AzureDirectory();
        var arm = new ArmDouble(directory, ledger, failures, backend);
        var entraHost = await DoubleHost.StartAsync(new EntraIdDouble(directory, ledger, failures), authority, cancellationToken);
        var armHost = await DoubleHost.StartAsync(arm, authority, cancellationToken);
        arm.Audience = armHost.BaseAddress.AbsoluteUri;
        return new AzureCloudDouble(entraHost, armHost, directory, arm, failures, authority.PemPath);
    }

    /// <summary>A service principal of the tenant, allowed in a new subscription: what an admin sets up before a user's first run.</summary>
    public void AddSubscription(string subscriptionId, string tenantId, string clientId, string clientSecret)
    {
        Directory.AddServicePrincipal(tenantId, clientId, clientSecret);
        Arm.AddSubscription(subscriptionId, tenantId, clientId);
    }

    /// <summary>The settings of a provider entry of type azure pointed at these doubles (credentials are the test's to add).</summary>
    public IReadOnlyDictionary<string, string> ProviderSettings(string subscriptionId, string tenantId, string clientId) => new Dictionary<string, string>
    {
        ["subscriptionId"] = subscriptionId,
        ["tenantId"] = tenantId,
        ["clientId"] = clientId,
        ["armEndpoint"] = ArmEndpoint.AbsoluteUri,
        ["authorityHost"] = AuthorityHost.AbsoluteUri,
        ["trustedCaFile"] = trustedCaFile,
    };

    public async ValueTask DisposeAsync()
    {
        await armHost.DisposeAsync();
        await entraHost.DisposeAsync();
    }
}
