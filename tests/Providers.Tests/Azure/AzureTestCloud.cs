using System.Collections.Concurrent;
using MultiCloud.CloudDoubles;
using MultiCloud.CloudDoubles.Azure;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Providers.Azure;

namespace MultiCloud.Providers.Tests.Azure;

/// <summary>
/// One test's Azure: the Entra ID and ARM doubles on 127.0.0.1, a ledger, an address-only machine backend, a captured
/// engine log, and providers made through the real factory from provider specs a user could write.
/// </summary>
internal sealed class AzureTestCloud : IAsyncDisposable
{
    public const string Tenant = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    public const string Subscription = "11111111-2222-3333-4444-555555555555";
    public const string Client = "99999999-8888-7777-6666-555555555555";
    public const string Secret = "weu-Secret~0123456789abcdefghij";

    private readonly TestCertificateAuthority authority;
    private readonly string caFolder;

    private AzureTestCloud(TestCertificateAuthority authority, string caFolder, AzureCloudDouble azure, ResourceLedger ledger, AddressOnlyMachineBackend backend)
    {
        this.authority = authority;
        this.caFolder = caFolder;
        Azure = azure;
        Ledger = ledger;
        Backend = backend;
    }

    public AzureCloudDouble Azure { get; }
    public ResourceLedger Ledger { get; }
    public AddressOnlyMachineBackend Backend { get; }
    public CapturingLog Log { get; } = new();
    public MapCredentialResolver Credentials { get; } = new();

    public static async Task<AzureTestCloud> StartAsync()
    {
        var caFolder = Path.Combine(Path.GetTempPath(), "mc-azure-ca-" + Guid.NewGuid().ToString("N"));
        var authority = new TestCertificateAuthority(caFolder);
        var ledger = new ResourceLedger();
        var backend = new AddressOnlyMachineBackend();
        var azure = await AzureCloudDouble.StartAsync(authority, ledger, backend);
        var cloud = new AzureTestCloud(authority, caFolder, azure, ledger, backend);
        // Operations finish on their first poll here; the polling test asks for InProgress answers first.
        azure.Arm.PollsBeforeDone = 0;
        cloud.AddServicePrincipal(Subscription, Tenant, Client, Secret, "AZURE_WEU_CLIENT_SECRET");
        return cloud;
    }

    /// <summary>A subscription with its service principal, and the secret behind the credential reference <paramref name="variable"/>.</summary>
    public void AddServicePrincipal(string subscription, string tenant, string client, string secret, string variable)
    {
        Azure.AddSubscription(subscription, tenant, client, secret);
        Credentials.Secrets[variable] = secret;
    }

    public ProviderSpec Spec(string name = "azure-weu", string subscription = Subscription, string tenant = Tenant, string client = Client,
        string? secretVariable = "AZURE_WEU_CLIENT_SECRET", IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(Azure.ProviderSettings(subscription, tenant, client));
        foreach (var setting in extra ?? new Dictionary<string, string>()) settings[setting.Key] = setting.Value;
        var credentials = new Dictionary<string, CredentialRef>();
        if (secretVariable != null) credentials["clientSecret"] = new CredentialRef(CredentialSource.Env, secretVariable);
        return new ProviderSpec { Name = name, Type = ProviderType.Azure, Settings = settings, Credentials = credentials };
    }

    public IMachineProvider Machines(ProviderSpec? spec = null) =>
        ProviderCatalog.Default.Machines(spec ?? Spec(), new ProviderContext(Credentials, Log));

    /// <summary>Every text a secret could leak into: the engine log so far and an error's whole chain.</summary>
    public void AssertNoSecretIn(params Exception?[] errors)
    {
        var texts = Log.Lines.Concat(errors.Where(e => e != null).Select(e => e!.ToString())).ToList();
        var secrets = Credentials.Secrets.Values.Concat(Azure.Directory.Tokens.Keys).ToList();
        Xunit.Assert.NotEmpty(secrets);
        foreach (var text in texts)
        {
            foreach (var secret in secrets) Xunit.Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    public IDnsProvider Dns(ProviderSpec spec) => ProviderCatalog.Default.Dns(spec, new ProviderContext(Credentials, Log));

    public async ValueTask DisposeAsync()
    {
        await Azure.DisposeAsync();
        authority.Dispose();
        if (Directory.Exists(caFolder)) Directory.Delete(caFolder, recursive: true);
    }
}

/// <summary>Secrets by reference name, held in memory: the test's stand-in for environment variables (no process-wide state).</summary>
internal sealed class MapCredentialResolver : ICredentialResolver
{
    public ConcurrentDictionary<string, string> Secrets { get; } = new();

    public ConcurrentQueue<string> Resolved { get; } = new();

    public Task<string> ResolveAsync(CredentialRef reference, CancellationToken cancellationToken)
    {
        Resolved.Enqueue(reference.Reference);
        return Secrets.TryGetValue(reference.Reference, out var secret)
            ? Task.FromResult(secret)
            : throw new InvalidOperationException("no secret behind " + reference);
    }
}

/// <summary>Every line the engine log got, to check that no secret reached it.</summary>
internal sealed class CapturingLog : IEngineLog
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public void Write(LogLevel level, string message) => Lines.Enqueue(level + ": " + message);
}
