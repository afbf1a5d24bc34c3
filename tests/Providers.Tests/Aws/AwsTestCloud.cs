using MultiCloud.CloudDoubles;
using MultiCloud.CloudDoubles.Aws;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;
using MultiCloud.Providers.Tests.Azure;

namespace MultiCloud.Providers.Tests.Aws;

/// <summary>
/// One test's AWS: the EC2 and Route53 doubles on 127.0.0.1, a ledger, an address-only machine backend, a captured
/// engine log, and providers made through the real factory from provider specs a user could write.
/// </summary>
internal sealed class AwsTestCloud : IAsyncDisposable
{
    public const string AccessKeyId = "AKIAMULTICLOUDTEST01";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYTESTSECRET01";

    private readonly TestCertificateAuthority authority;
    private readonly string caFolder;

    private AwsTestCloud(TestCertificateAuthority authority, string caFolder, AwsCloudDouble aws, ResourceLedger ledger, AddressOnlyMachineBackend backend)
    {
        this.authority = authority;
        this.caFolder = caFolder;
        Aws = aws;
        Ledger = ledger;
        Backend = backend;
    }

    public AwsCloudDouble Aws { get; }
    public ResourceLedger Ledger { get; }
    public AddressOnlyMachineBackend Backend { get; }
    public CapturingLog Log { get; } = new();
    public MapCredentialResolver Credentials { get; } = new();

    public static async Task<AwsTestCloud> StartAsync()
    {
        var caFolder = Path.Combine(Path.GetTempPath(), "mc-aws-ca-" + Guid.NewGuid().ToString("N"));
        var authority = new TestCertificateAuthority(caFolder);
        var ledger = new ResourceLedger();
        var backend = new AddressOnlyMachineBackend();
        var aws = await AwsCloudDouble.StartAsync(authority, ledger, backend);
        var cloud = new AwsTestCloud(authority, caFolder, aws, ledger, backend);
        aws.AddAccessKey(AccessKeyId, SecretKey);
        cloud.Credentials.Secrets["AWS_MAIN_ACCESS_KEY"] = AccessKeyId;
        cloud.Credentials.Secrets["AWS_MAIN_SECRET_KEY"] = SecretKey;
        return cloud;
    }

    /// <summary>A provider entry of type aws reaching the doubles, with the access key pair behind credential references (or none: the default chain).</summary>
    public ProviderSpec Spec(string name = "aws-main", bool withKeys = true, IReadOnlyDictionary<string, string>? extra = null, string? sessionTokenVariable = null)
    {
        var settings = new Dictionary<string, string>(Aws.ProviderSettings());
        foreach (var setting in extra ?? new Dictionary<string, string>()) settings[setting.Key] = setting.Value;
        var credentials = new Dictionary<string, CredentialRef>();
        if (withKeys)
        {
            credentials["accessKey"] = new CredentialRef(CredentialSource.Env, "AWS_MAIN_ACCESS_KEY");
            credentials["secretKey"] = new CredentialRef(CredentialSource.Env, "AWS_MAIN_SECRET_KEY");
        }
        if (sessionTokenVariable != null) credentials["sessionToken"] = new CredentialRef(CredentialSource.Env, sessionTokenVariable);
        return new ProviderSpec { Name = name, Type = ProviderType.Aws, Settings = settings, Credentials = credentials };
    }

    public IMachineProvider Machines(ProviderSpec? spec = null) => ProviderCatalog.Default.Machines(spec ?? Spec(), new ProviderContext(Credentials, Log));

    public IDnsProvider Dns(ProviderSpec? spec = null) => ProviderCatalog.Default.Dns(spec ?? Spec(), new ProviderContext(Credentials, Log));

    /// <summary>Every text a secret could leak into (the engine log so far and errors' whole chains) holds none: no secret key, session token or request signature.</summary>
    public void AssertNoSecretIn(params Exception?[] errors)
    {
        var texts = Log.Lines.Concat(errors.Where(e => e != null).Select(e => e!.ToString())).ToList();
        var secrets = Aws.Identities.Secrets.Concat(Credentials.Secrets.Where(s => !s.Key.Contains("ACCESS_KEY", StringComparison.Ordinal)).Select(s => s.Value)).ToList();
        Xunit.Assert.NotEmpty(secrets);
        foreach (var text in texts)
        {
            foreach (var secret in secrets) Xunit.Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Instances of the double that are not terminated.</summary>
    public IReadOnlyList<Ec2Instance> LiveInstances() =>
        Aws.Ec2.Resources.OfType<Ec2Instance>().Where(i => i.State != "terminated").ToList();

    public async ValueTask DisposeAsync()
    {
        await Aws.DisposeAsync();
        authority.Dispose();
        if (Directory.Exists(caFolder)) Directory.Delete(caFolder, recursive: true);
    }
}
