using System.Net;
using System.Net.Sockets;

namespace MultiCloud.CloudDoubles.Cloudflare;

/// <summary>
/// The Cloudflare double's zones served over DNS (UDP, RFC 1035), as Cloudflare's authoritative name servers serve a
/// zone's records: A and AAAA answers for names in the double's zones, straight from what the API double holds, so a
/// record the engine changes through the API is what the next query sees. An in-zone name without records is NXDOMAIN;
/// a name outside the zones is REFUSED, which makes a stub resolver (glibc) ask its next name server — so hosts can list
/// this server first and still resolve everything else as before. Only the resolver settings of hosts a test made point
/// at it; nothing here is a resolver for the rest of the world.
/// </summary>
public sealed class CloudflareNameServer : IAsyncDisposable
{
    private readonly CloudflareZones zones;
    private readonly IReadOnlyList<string> zoneNames;
    private readonly UdpClient socket;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private int queries;

    private CloudflareNameServer(CloudflareZones zones, IReadOnlyList<string> zoneNames, UdpClient socket)
    {
        this.zones = zones;
        this.zoneNames = zoneNames;
        this.socket = socket;
        EndPoint = (IPEndPoint)socket.Client.LocalEndPoint!;
        serving = Task.Run(ServeAsync);
    }

    /// <summary>Where it answers.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Queries answered so far (any answer).</summary>
    public int Queries => Volatile.Read(ref queries);

    /// <summary>Serves <paramref name="zoneNames"/> of the double on <paramref name="address"/>, port 53 unless told otherwise.</summary>
    public static CloudflareNameServer Start(CloudflareDouble cloudflare, IPAddress address, int port = 53, params string[] zoneNames) =>
        new(cloudflare.Zones, zoneNames, new UdpClient(new IPEndPoint(address, port)));

    /// <summary>What a stub resolver asking this server gets for <paramref name="name"/>: its A records (a real query over UDP).</summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken = default)
    {
        using var client = new UdpClient(EndPoint.AddressFamily);
        var id = (ushort)Random.Shared.Next(ushort.MaxValue);
        await client.SendAsync(DnsMessage.Query(id, name, DnsMessage.TypeA), EndPoint, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var received = await client.ReceiveAsync(timeout.Token);
        var (code, addresses) = DnsMessage.ReadAnswer(received.Buffer, id);
        if (code != DnsMessage.NoError) throw new InvalidOperationException($"the Cloudflare double's name server answered rcode {code} for {name}");
        return addresses;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        socket.Dispose();
        try
        {
            await serving;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closing the socket is how serving ends.
        }
        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var request = await socket.ReceiveAsync(stop.Token);
                var question = DnsMessage.ReadQuestion(request.Buffer);
                if (question is null) continue;
                Interlocked.Increment(ref queries);
                await socket.SendAsync(AnswerTo(question), request.RemoteEndPoint, stop.Token);
            }
            catch (SocketException) when (!stop.IsCancellationRequested)
            {
                // A client that went away (ICMP port unreachable) ends its own exchange, not the server.
            }
        }
    }

    private byte[] AnswerTo(DnsQuestion question)
    {
        var name = question.Name.TrimEnd('.');
        var zone = zoneNames.FirstOrDefault(z => string.Equals(name, z, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + z, StringComparison.OrdinalIgnoreCase));
        if (zone is null || question.Class != DnsMessage.ClassIn)
            return DnsMessage.Answer(question, DnsMessage.Refused, authoritative: false, Array.Empty<IPAddress>(), 0);
        var records = zones.RecordsOf(zone).Where(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (records.Count == 0) return DnsMessage.Answer(question, DnsMessage.NameError, authoritative: true, Array.Empty<IPAddress>(), 0);
        var type = question.Type == DnsMessage.TypeA ? "A" : question.Type == DnsMessage.TypeAaaa ? "AAAA" : null;
        var matching = records.Where(r => r.Type == type).ToList();
        // Cloudflare's TTL 1 means "automatic", which its name servers serve as 300 seconds.
        var ttl = matching.Select(r => r.Ttl == 1 ? 300 : r.Ttl).DefaultIfEmpty(300).Min();
        return DnsMessage.Answer(question, DnsMessage.NoError, authoritative: true, matching.Select(r => IPAddress.Parse(r.Content)).ToList(), ttl);
    }
}
