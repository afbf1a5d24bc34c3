using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using MultiCloud.CloudDoubles.Cloudflare;

namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>
/// Public DNS as the lab has it: the Cloudflare double's zone served by <see cref="CloudflareNameServer"/> on the lab's
/// gateway, the one address every lab host reaches. Lab hosts list it as their first name server (what a cloud's
/// network or a site's resolver gives a machine), and this machine resolves the zone's names through the same server
/// with a real DNS query, never through its own resolver: no query for the example's names leaves the lab.
/// </summary>
public sealed class LabPublicDns : IAsyncDisposable
{
    private readonly CloudflareNameServer server;

    private LabPublicDns(CloudflareNameServer server)
    {
        this.server = server;
    }

    public IPAddress Address => server.EndPoint.Address;

    public int Queries => server.Queries;

    public static LabPublicDns Start(CloudflareDouble cloudflare, LabInfo lab, string zone) =>
        new(CloudflareNameServer.Start(cloudflare, IPAddress.Parse(lab.Gateway), 53, zone));

    /// <summary>The A records the zone holds for <paramref name="name"/>, as a resolver asking the zone's server gets them.</summary>
    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken = default) =>
        server.ResolveAsync(name, cancellationToken);

    /// <summary>Puts this server first in the host's /etc/resolv.conf; the host's other name servers stay after it.</summary>
    public Task UseOnAsync(HostShell hosts, LabHost host) => hosts.OutputAsync(host,
        $"line='nameserver {Address}'\n" +
        "{ echo \"$line\"; grep -vxF \"$line\" /etc/resolv.conf || true; } >/etc/resolv.conf.mc-lab\n" +
        "mv /etc/resolv.conf.mc-lab /etc/resolv.conf\n");

    /// <summary>
    /// For KubernetesClient's handler: names resolve through this server (addresses connect as they are). The URL's
    /// host stays what TLS verifies the API server's certificate against.
    /// </summary>
    public void ResolveThroughTheZone(SocketsHttpHandler handler) => handler.ConnectCallback = async (context, cancellationToken) =>
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? new[] { literal } : await ResolveAsync(host, cancellationToken);
        if (addresses.Count == 0) throw new HttpRequestException($"{host} has no A record in the Cloudflare double's zone");
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw new HttpRequestException($"no address of {host} answered on port {context.DnsEndPoint.Port}", last);
    };

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
