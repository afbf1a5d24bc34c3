using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MultiCloud.CloudDoubles;

/// <summary>One cloud API double: maps its routes, as the real API's paths and verbs.</summary>
public interface IApiDouble
{
    /// <summary>Short name for logs and messages ("arm", "ec2", "hetzner").</summary>
    string Name { get; }

    void Map(IEndpointRouteBuilder routes);
}

/// <summary>
/// Serves one <see cref="IApiDouble"/> over HTTPS on 127.0.0.1 and a free port, with a certificate from the test CA.
/// Started and stopped by the test that uses it; nothing listens beyond loopback.
/// </summary>
public sealed class DoubleHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private DoubleHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>"https://127.0.0.1:PORT/": the endpoint setting a provider is given.</summary>
    public Uri BaseAddress { get; }

    public static async Task<DoubleHost> StartAsync(IApiDouble api, TestCertificateAuthority authority, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(authority.IssueServerCertificate())));
        var app = builder.Build();
        api.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DoubleHost(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
