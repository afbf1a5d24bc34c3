using MultiCloud.CloudDoubles;
using MultiCloud.CloudDoubles.Cloudflare;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Providers.Cloudflare;

namespace MultiCloud.Providers.Tests.Cloudflare;

/// <summary>The Cloudflare double with zone example.com, and the real provider pointed at it.</summary>
public sealed class CloudflareFixture : DoubleFixture
{
    public const string Token = "cf-test-token-8d1e44";
    public const string Zone = "example.com";

    private CloudflareFixture() : base("cloudflare") => Double = new CloudflareDouble(Token, Ledger, Failures, Zone);

    public CloudflareDouble Double { get; }
    public DoubleHost Host { get; private set; } = null!;

    public static async Task<CloudflareFixture> StartAsync()
    {
        var fixture = new CloudflareFixture();
        fixture.Host = await DoubleHost.StartAsync(fixture.Double, fixture.Authority);
        return fixture;
    }

    public IDnsProvider Provider(string token = Token) =>
        new CloudflareProviderFactory(FastRetry).CreateDns(new ProviderSpec
        {
            Name = "cloudflare-test",
            Type = ProviderType.Cloudflare,
            Settings = new Dictionary<string, string>
            {
                [CloudflareProviderFactory.EndpointSetting] = CloudflareDouble.Endpoint(Host),
                [ProviderHttp.TrustedCaFileSetting] = Authority.PemPath,
            },
            Credentials = new Dictionary<string, CredentialRef> { ["apiToken"] = new(CredentialSource.Env, "CF_TOKEN") },
        }, new ProviderContext(new MemoryCredentials(new() { ["CF_TOKEN"] = token }), Log))!;

    public override async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await base.DisposeAsync();
    }
}
