using System.Net;
using System.Net.Sockets;
using MultiCloud.CloudDoubles.Cloudflare;
using MultiCloud.Engine;
using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Providers.Tests.Cloudflare;

/// <summary>The Cloudflare double's zone over DNS: what the provider wrote through the API is what a DNS query gets.</summary>
public sealed class CloudflareNameServerTests : IAsyncLifetime
{
    private static readonly ClusterIdentity Cluster = new("lab", "0123456789abcdef01234567");
    private CloudflareFixture fixture = null!;
    private IDnsProvider provider = null!;
    private CloudflareNameServer server = null!;

    public async Task InitializeAsync()
    {
        fixture = await CloudflareFixture.StartAsync();
        provider = fixture.Provider();
        server = CloudflareNameServer.Start(fixture.Double, IPAddress.Loopback, 0, CloudflareFixture.Zone);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await provider.DisposeAsync();
        await fixture.DisposeAsync();
    }

    private Task Records(params string[] addresses) =>
        provider.EnsureRecordsAsync(new DnsRecordSet { Cluster = Cluster, Zone = CloudflareFixture.Zone, Name = "k8s", Addresses = addresses }, default);

    [Fact]
    public async Task Resolve_RecordsWrittenThroughTheApi_AnswersTheirAddressesAndFollowsChanges()
    {
        await Records("198.51.100.10", "198.51.100.11", "2001:db8::1");
        var first = await server.ResolveAsync("K8S.example.com.");

        await Records("198.51.100.11");
        var after = await server.ResolveAsync("k8s.example.com");

        Assert.Equal(new[] { "198.51.100.10", "198.51.100.11" }, first.Select(a => a.ToString()).Order());
        Assert.Equal(new[] { "198.51.100.11" }, after.Select(a => a.ToString()));
    }

    [Fact]
    public async Task Query_Aaaa_AnswersOnlyTheIpv6RecordsAuthoritatively()
    {
        await Records("198.51.100.10", "2001:db8::1");

        var (code, addresses, flags) = await QueryAsync("k8s.example.com", DnsMessage.TypeAaaa);

        Assert.Equal(DnsMessage.NoError, code);
        Assert.Equal(new[] { IPAddress.Parse("2001:db8::1") }, addresses);
        Assert.True((flags & 0x0400) != 0, "the answer is not authoritative");
    }

    [Fact]
    public async Task Query_InZoneNameWithoutRecords_NameErrorAndOutsideTheZone_Refused()
    {
        await Records("198.51.100.10");

        var missing = await QueryAsync("nothing.example.com", DnsMessage.TypeA);
        var outside = await QueryAsync("deb.debian.org", DnsMessage.TypeA);
        var lookalike = await QueryAsync("k8s.notexample.com", DnsMessage.TypeA);

        Assert.Equal(DnsMessage.NameError, missing.Code);
        Assert.Equal(DnsMessage.Refused, outside.Code);
        Assert.Equal(DnsMessage.Refused, lookalike.Code);
        Assert.Empty(outside.Addresses);
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.ResolveAsync("deb.debian.org"));
    }

    private async Task<(int Code, IReadOnlyList<IPAddress> Addresses, int Flags)> QueryAsync(string name, ushort type)
    {
        using var client = new UdpClient(AddressFamily.InterNetwork);
        await client.SendAsync(DnsMessage.Query(4242, name, type), server.EndPoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = await client.ReceiveAsync(timeout.Token);
        var (code, addresses) = DnsMessage.ReadAnswer(answer.Buffer, 4242);
        return (code, addresses, (answer.Buffer[2] << 8) | answer.Buffer[3]);
    }
}
