using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>Cluster IPs from --service-cluster-ip-range: the first goes to the "kubernetes" service, the others to new
/// services in order, skipping addresses in use.</summary>
public sealed class ServiceIps
{
    private static readonly ResourceType ServiceType = BuiltinResources.All.Single(t => t.Kind == "Service");
    private readonly ObjectStore _store;
    private readonly uint _network;
    private readonly uint _size;

    public ServiceIps(ObjectStore store, string cidr)
    {
        _store = store;
        var parts = cidr.Split('/');
        var bits = int.Parse(parts[1]);
        _network = ToUInt(IPAddress.Parse(parts[0])) & (bits == 0 ? 0 : uint.MaxValue << (32 - bits));
        _size = bits == 0 ? uint.MaxValue : 1u << (32 - bits);
    }

    public string First => FromUInt(_network + 1).ToString();

    public async Task AssignAsync(JsonObject service, CancellationToken ct)
    {
        var spec = (JsonObject)(service["spec"] ??= new JsonObject());
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        if (spec["clusterIP"]?.GetValue<string>() is "None") return;
        if (spec["clusterIP"]?.GetValue<string>() is not { Length: > 0 })
        {
            var (items, _) = await _store.ListAsync(ServiceType, null, ct);
            var used = items.Select(s => s["spec"]?["clusterIP"]?.GetValue<string>()).Where(ip => ip != null).ToHashSet();
            var ip = Enumerable.Range(2, (int)Math.Min(_size - 3, 65000)).Select(i => FromUInt(_network + (uint)i).ToString())
                .FirstOrDefault(a => !used.Contains(a)) ?? throw new ApiError(500, "InternalError", "range is full");
            spec["clusterIP"] = ip;
        }
        spec["clusterIPs"] = new JsonArray(spec["clusterIP"]!.GetValue<string>());
        spec["ipFamilies"] = new JsonArray("IPv4");
        spec["ipFamilyPolicy"] = "SingleStack";
    }

    private static uint ToUInt(IPAddress ip)
    {
        if (ip.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException("IPv4 only");
        var b = ip.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static IPAddress FromUInt(uint value) =>
        new(new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });
}
