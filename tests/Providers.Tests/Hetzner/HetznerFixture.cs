using MultiCloud.CloudDoubles;
using MultiCloud.CloudDoubles.Hetzner;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Providers.Hetzner;

namespace MultiCloud.Providers.Tests.Hetzner;

/// <summary>The Hetzner double with address-only machines, and the real provider pointed at it.</summary>
public sealed class HetznerFixture : DoubleFixture
{
    public const string Token = "hcloud-test-token-5f2b9c";

    private HetznerFixture() : base("hetzner")
    {
        Backend = new AddressOnlyMachineBackend();
        Double = new HetznerDouble(Token, Ledger, Failures, Backend);
    }

    public AddressOnlyMachineBackend Backend { get; }
    public HetznerDouble Double { get; }
    public DoubleHost Host { get; private set; } = null!;

    public static async Task<HetznerFixture> StartAsync()
    {
        var fixture = new HetznerFixture();
        fixture.Host = await DoubleHost.StartAsync(fixture.Double, fixture.Authority);
        return fixture;
    }

    public ProviderSpec Spec(string token = Token) => new()
    {
        Name = "hetzner-test",
        Type = ProviderType.Hetzner,
        Settings = new Dictionary<string, string>
        {
            [HetznerProviderFactory.EndpointSetting] = HetznerDouble.Endpoint(Host),
            [ProviderHttp.TrustedCaFileSetting] = Authority.PemPath,
        },
        Credentials = new Dictionary<string, CredentialRef> { ["token"] = new(CredentialSource.Env, token == Token ? "HCLOUD_TOKEN" : "OTHER_TOKEN") },
    };

    public IMachineProvider Provider(string token = Token) =>
        new HetznerProviderFactory(FastRetry).CreateMachines(Spec(token), new ProviderContext(
            new MemoryCredentials(new() { ["HCLOUD_TOKEN"] = Token, ["OTHER_TOKEN"] = "wrong-token-value" }), Log))!;

    public override async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await base.DisposeAsync();
    }
}
