using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Providers.Tests;

/// <summary>The transport every provider uses verifies TLS in full, with the trustedCaFile setting as extra roots.</summary>
public sealed class ProviderHttpTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mc-provider-http-" + Guid.NewGuid().ToString("N"));
    private TestCertificateAuthority authority = null!;
    private DoubleHost host = null!;

    public async Task InitializeAsync()
    {
        authority = new TestCertificateAuthority(folder);
        host = await DoubleHost.StartAsync(new HelloDouble(), authority);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        authority.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static ProviderSpec Provider(IReadOnlyDictionary<string, string> settings) =>
        new() { Name = "test", Type = ProviderType.Hetzner, Settings = settings };

    [Fact]
    public async Task CreateHandler_TrustedCaFileNamesTheDoublesCa_ConnectsWithTheCertificateVerified()
    {
        using var client = new HttpClient(ProviderHttp.CreateHandler(Provider(new Dictionary<string, string> { [ProviderHttp.TrustedCaFileSetting] = authority.PemPath })));

        Assert.Equal("hello", await client.GetStringAsync(new Uri(host.BaseAddress, "hello")));
    }

    [Fact]
    public async Task CreateHandler_NoTrustedCaFile_RefusesTheUnknownCa()
    {
        using var client = new HttpClient(ProviderHttp.CreateHandler(Provider(new Dictionary<string, string>())));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(new Uri(host.BaseAddress, "hello")));
    }

    [Fact]
    public async Task CreateHandler_TrustedCaFileWithAnotherCa_RefusesTheDouble()
    {
        using var other = new TestCertificateAuthority(Path.Combine(folder, "other"));
        using var client = new HttpClient(ProviderHttp.CreateHandler(Provider(new Dictionary<string, string> { [ProviderHttp.TrustedCaFileSetting] = other.PemPath })));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(new Uri(host.BaseAddress, "hello")));
    }

    [Fact]
    public void CreateHandler_TrustedCaFileMissing_FailsWithCloudConfigurationInvalidNamingTheSetting()
    {
        var error = Assert.Throws<MultiCloudException>(() =>
            ProviderHttp.CreateHandler(Provider(new Dictionary<string, string> { [ProviderHttp.TrustedCaFileSetting] = Path.Combine(folder, "absent.pem") })));

        Assert.Equal(ErrorIds.CloudConfigurationInvalid, error.ErrorId);
        Assert.Contains(ProviderHttp.TrustedCaFileSetting, error.Message);
    }

    private sealed class HelloDouble : IApiDouble
    {
        public string Name => "hello";

        public void Map(IEndpointRouteBuilder routes) => routes.MapGet("/hello", () => Results.Text("hello"));
    }
}
