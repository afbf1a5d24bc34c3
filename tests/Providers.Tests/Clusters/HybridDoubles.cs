using MultiCloud.CloudDoubles;
using MultiCloud.CloudDoubles.Aws;
using MultiCloud.CloudDoubles.Azure;
using MultiCloud.Engine.Model;

namespace MultiCloud.Providers.Tests.Clusters;

/// <summary>
/// Every API double the shipped hybrid example (examples/hybrid.yaml) needs — Entra ID and ARM with its two
/// subscriptions and service principals, EC2, Hetzner, Cloudflare — sharing one ledger and one machine backend, and
/// the example adapted to them with only what a user adapts to their own world: endpoints and the doubles' CA (settings
/// a real user has too), where secrets are read from, AWS credentials (the example uses the SDK's default chain) and
/// the sshAllowedFrom example range. Pools and the own machine are the caller's to adapt. Shared by the provider
/// tests, the benchmark and the lab tests (linked into tests/Lab.Tests and bench/CloudBench).
/// </summary>
public sealed class HybridDoubles : IAsyncDisposable
{
    public static readonly string[] Subscriptions = { "11111111-2222-3333-4444-555555555555", "66666666-7777-8888-9999-000000000000" };
    public const string Tenant = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    public static readonly string[] Clients = { "99999999-8888-7777-6666-555555555555", "12121212-3434-5656-7878-909090909090" };

    private readonly TestCertificateAuthority authority;

    private HybridDoubles(DoublesEnvironment doubles, TestCertificateAuthority authority, AzureCloudDouble azure, AwsCloudDouble aws)
    {
        Doubles = doubles;
        this.authority = authority;
        Azure = azure;
        Aws = aws;
        Credentials = new MemoryCredentials(Secrets);
    }

    public DoublesEnvironment Doubles { get; }
    public AzureCloudDouble Azure { get; }
    public AwsCloudDouble Aws { get; }
    public ResourceLedger Ledger => Doubles.Ledger;

    /// <summary>The secrets behind the adapted example's credential references, keyed by reference.</summary>
    public Dictionary<string, string> Secrets { get; } = new()
    {
        ["AZURE_WEU_CLIENT_SECRET"] = "weu-Secret~0123456789abcdefghij",
        ["azure-neu-client-secret"] = "neu-Secret~9876543210zyxwvutsrq",
        ["AWS_LAB_ACCESS_KEY"] = "AKIAMULTICLOUDLAB001",
        ["AWS_LAB_SECRET_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYLABSECRET1",
        ["~/.config/hcloud/token"] = DoublesEnvironment.HetznerToken,
        ["CLOUDFLARE_API_TOKEN"] = DoublesEnvironment.CloudflareToken,
    };

    public MemoryCredentials Credentials { get; }

    /// <summary>The secrets a leak check looks for: every one above but the AWS access key id (an identifier, sent in every signed request by design).</summary>
    public IReadOnlyList<string> SecretValues => Secrets.Where(s => s.Key != "AWS_LAB_ACCESS_KEY").Select(s => s.Value).ToList();

    public static async Task<HybridDoubles> StartAsync(string folder, IMachineBackend machines)
    {
        var doubles = await DoublesEnvironment.StartAsync(Path.Combine(folder, "ca"), machines);
        var authority = new TestCertificateAuthority(Path.Combine(folder, "ca-azure-aws"));
        var azure = await AzureCloudDouble.StartAsync(authority, doubles.Ledger, machines, doubles.Failures);
        var aws = await AwsCloudDouble.StartAsync(authority, doubles.Ledger, machines, doubles.Failures);
        var hybrid = new HybridDoubles(doubles, authority, azure, aws);
        azure.AddSubscription(Subscriptions[0], Tenant, Clients[0], hybrid.Secrets["AZURE_WEU_CLIENT_SECRET"]);
        azure.AddSubscription(Subscriptions[1], Tenant, Clients[1], hybrid.Secrets["azure-neu-client-secret"]);
        aws.AddAccessKey(hybrid.Secrets["AWS_LAB_ACCESS_KEY"], hybrid.Secrets["AWS_LAB_SECRET_KEY"]);
        return hybrid;
    }

    /// <summary>The shipped example's providers pointed at these doubles; pools go through <paramref name="pool"/>, everything else stays as shipped.</summary>
    public ClusterSpec Adapt(ClusterSpec example, Func<NodePoolSpec, NodePoolSpec> pool)
    {
        ProviderSpec Provider(ProviderSpec shipped) => shipped.Name switch
        {
            "azure-weu" => shipped with { Settings = Merge(shipped.Settings, Azure.ProviderSettings(Subscriptions[0], Tenant, Clients[0])) },
            "azure-neu" => shipped with { Settings = Merge(shipped.Settings, Azure.ProviderSettings(Subscriptions[1], Tenant, Clients[1])) },
            "aws-main" => shipped with
            {
                Settings = Merge(shipped.Settings, Aws.ProviderSettings()),
                Credentials = new Dictionary<string, CredentialRef>
                {
                    ["accessKey"] = new(CredentialSource.Env, "AWS_LAB_ACCESS_KEY"),
                    ["secretKey"] = new(CredentialSource.Env, "AWS_LAB_SECRET_KEY"),
                },
            },
            "hetzner-lb" => shipped with
            {
                Settings = Merge(shipped.Settings.Where(s => s.Key != "sshAllowedFrom").ToDictionary(s => s.Key, s => s.Value), Doubles.HetznerProvider().Settings),
            },
            "cloudflare-main" => shipped with { Settings = Merge(shipped.Settings, Doubles.CloudflareProvider().Settings) },
            _ => shipped,
        };
        return example with { Providers = example.Providers.Select(Provider).ToList(), NodePools = example.NodePools.Select(pool).ToList() };
    }

    public async ValueTask DisposeAsync()
    {
        await Aws.DisposeAsync();
        await Azure.DisposeAsync();
        await Doubles.DisposeAsync();
        authority.Dispose();
    }

    private static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> shipped, IReadOnlyDictionary<string, string> adapted)
    {
        var merged = new Dictionary<string, string>(shipped);
        foreach (var (key, value) in adapted) merged[key] = value;
        return merged;
    }
}
