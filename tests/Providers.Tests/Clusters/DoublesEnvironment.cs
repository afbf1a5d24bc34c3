using MultiCloud.CloudDoubles;
using MultiCloud.CloudDoubles.Cloudflare;
using MultiCloud.CloudDoubles.Hetzner;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Providers.Cloudflare;
using MultiCloud.Engine.Providers.Hetzner;

namespace MultiCloud.Providers.Tests.Clusters;

/// <summary>
/// The Hetzner and Cloudflare API doubles of one test, served over HTTPS on 127.0.0.1 with a throwaway CA, and
/// what a cluster needs to use them exactly as a user's manifest would: provider specs whose only difference from
/// the real clouds is the endpoint and trustedCaFile settings, and the tokens behind their credential references.
/// Shared by the provider tests and the lab tests (linked into tests/Lab.Tests).
/// </summary>
public sealed class DoublesEnvironment : IAsyncDisposable
{
    public const string HetznerToken = "hcloud-lab-token-3b8e0f1d7c";
    public const string CloudflareToken = "cf-lab-token-9a4c27e51b";
    public const string Zone = "example.com";
    public const string HetznerProviderName = "hetzner-lab";
    public const string CloudflareProviderName = "cloudflare-lab";

    private readonly TestCertificateAuthority authority;
    private DoubleHost hetznerHost = null!;
    private DoubleHost cloudflareHost = null!;

    private DoublesEnvironment(string folder, IMachineBackend backend)
    {
        Folder = folder;
        authority = new TestCertificateAuthority(folder);
        Hetzner = new HetznerDouble(HetznerToken, Ledger, Failures, backend);
        Cloudflare = new CloudflareDouble(CloudflareToken, Ledger, Failures, Zone);
    }

    public string Folder { get; }
    public ResourceLedger Ledger { get; } = new();
    public FailurePlan Failures { get; } = new();
    public HetznerDouble Hetzner { get; }
    public CloudflareDouble Cloudflare { get; }

    /// <summary>The secrets behind the providers' env: references, as a user's environment would hold them.</summary>
    public ICredentialResolver Credentials { get; } = new MemoryCredentials(new()
    {
        ["HCLOUD_TOKEN"] = HetznerToken,
        ["CF_API_TOKEN"] = CloudflareToken,
        ["WRONG_HCLOUD_TOKEN"] = "hcloud-revoked-token-0000",
    });

    public static async Task<DoublesEnvironment> StartAsync(string folder, IMachineBackend backend)
    {
        var environment = new DoublesEnvironment(folder, backend);
        environment.hetznerHost = await DoubleHost.StartAsync(environment.Hetzner, environment.authority);
        environment.cloudflareHost = await DoubleHost.StartAsync(environment.Cloudflare, environment.authority);
        return environment;
    }

    public ProviderSpec HetznerProvider(string tokenVariable = "HCLOUD_TOKEN") => new()
    {
        Name = HetznerProviderName,
        Type = ProviderType.Hetzner,
        Settings = new Dictionary<string, string>
        {
            [HetznerProviderFactory.EndpointSetting] = HetznerDouble.Endpoint(hetznerHost),
            [ProviderHttp.TrustedCaFileSetting] = authority.PemPath,
        },
        Credentials = new Dictionary<string, CredentialRef> { ["token"] = new(CredentialSource.Env, tokenVariable) },
    };

    public ProviderSpec CloudflareProvider() => new()
    {
        Name = CloudflareProviderName,
        Type = ProviderType.Cloudflare,
        Settings = new Dictionary<string, string>
        {
            [CloudflareProviderFactory.EndpointSetting] = CloudflareDouble.Endpoint(cloudflareHost),
            [ProviderHttp.TrustedCaFileSetting] = authority.PemPath,
        },
        Credentials = new Dictionary<string, CredentialRef> { ["apiToken"] = new(CredentialSource.Env, "CF_API_TOKEN") },
    };

    /// <summary>The engine as composed by default, with the two providers retrying fast.</summary>
    public EngineComposition Compose(EngineComposition composition) => composition with
    {
        Providers = composition.Providers.With(new HetznerProviderFactory(DoubleFixture.FastRetry)).With(new CloudflareProviderFactory(DoubleFixture.FastRetry)),
    };

    /// <summary>What the doubles hold for the cluster with this id, as "type name" lines (names, not ids, so runs compare).</summary>
    public IReadOnlyList<string> Holdings(string clusterId)
    {
        var servers = Hetzner.Project.Servers.Where(s => Owned(s.Labels, clusterId)).Select(s => "server " + s.Name);
        var firewalls = Hetzner.Project.Firewalls.Where(f => Owned(f.Labels, clusterId)).Select(f => "firewall " + f.Name);
        var keys = Hetzner.Project.SshKeys.Where(k => Owned(k.Labels, clusterId)).Select(k => "ssh_key " + k.Name);
        var records = Cloudflare.Zones.RecordsOf(Zone).Where(r => r.Comment.Contains(clusterId, StringComparison.Ordinal))
            .Select(r => $"{r.Type} {r.Name} {r.Content}");
        return servers.Concat(firewalls).Concat(keys).Concat(records).OrderBy(line => line, StringComparer.Ordinal).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await hetznerHost.DisposeAsync();
        await cloudflareHost.DisposeAsync();
        authority.Dispose();
    }

    private static bool Owned(IReadOnlyDictionary<string, string> labels, string clusterId) =>
        labels.TryGetValue(ResourceTags.ClusterId, out var id) && id == clusterId;
}
