using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests.Checks;

/// <summary>What the WireGuard mesh looks like on the hosts themselves: addresses, keys, peers, reachability.</summary>
public static class MeshChecks
{
    /// <summary>The IPv4 address of wg0 on each host (host name → address).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> MeshAddressesAsync(HostShell shell, IEnumerable<LabHost> hosts)
    {
        var outputs = await shell.OutputsAsync(hosts, _ => "ip -4 -o addr show dev wg0 | awk '{print $4}' | cut -d/ -f1");
        return outputs.ToDictionary(p => p.Key, p => p.Value.Trim());
    }

    /// <summary>
    /// Every host pings every other host's mesh address (ping -c1 -W2, up to fifteen tries per pair: the first packet
    /// to a peer may wait for the WireGuard handshake, which wireguard-go retries every 5 s and which a loaded
    /// machine can miss more than once). Fails naming every pair that got no answer, with the host's peer endpoints and
    /// latest handshakes.
    /// </summary>
    public static async Task AssertEveryHostPingsEveryOtherAsync(HostShell shell, IReadOnlyList<LabHost> hosts)
    {
        var addresses = await MeshAddressesAsync(shell, hosts);
        Assert.All(hosts, host => Assert.False(string.IsNullOrEmpty(addresses[host.Name]), $"{host.Name} has no address on wg0"));
        var outputs = await shell.OutputsAsync(hosts, host =>
        {
            var others = hosts.Where(other => other.Name != host.Name).Select(other => addresses[other.Name]);
            return "failed=no\n" +
                   "for ip in " + string.Join(" ", others) + "; do\n" +
                   "  ok=no; for try in $(seq 15); do if ping -c1 -W2 \"$ip\" >/dev/null 2>&1; then ok=yes; break; fi; done\n" +
                   "  [ $ok = yes ] || { echo \"no answer from $ip\"; failed=yes; }\n" +
                   "done\n" +
                   // What the next person needs to tell a lost handshake from a wrong peer: each peer's endpoint and latest handshake.
                   "[ $failed = no ] || { echo 'wg0 endpoints:'; wg show wg0 endpoints; echo 'latest handshakes:'; wg show wg0 latest-handshakes; }\n";
        });
        var failures = outputs.Where(p => p.Value.Trim().Length > 0).Select(p => $"{p.Key}: {p.Value.Trim()}").ToList();
        Assert.True(failures.Count == 0, "mesh pings failed:\n" + string.Join("\n", failures) +
            "\nmesh addresses: " + string.Join(", ", addresses.Select(p => p.Key + "=" + p.Value)));
    }

    /// <summary>
    /// The WireGuard configuration live on each host is exactly the full mesh of <paramref name="hosts"/>: every
    /// host lists the public keys of all the others as peers, and nothing else.
    /// </summary>
    public static async Task AssertFullMeshPeersAsync(HostShell shell, IReadOnlyList<LabHost> hosts)
    {
        var outputs = await shell.OutputsAsync(hosts, _ => "wg show wg0 public-key && echo --- && wg show wg0 peers");
        var keys = new Dictionary<string, string>();
        var peers = new Dictionary<string, HashSet<string>>();
        foreach (var (name, output) in outputs)
        {
            var parts = output.Split("---", 2);
            keys[name] = parts[0].Trim();
            peers[name] = parts[1].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        }
        Assert.Equal(hosts.Count, keys.Values.Distinct().Count());
        foreach (var host in hosts)
        {
            var expected = hosts.Where(other => other.Name != host.Name).Select(other => keys[other.Name]).ToHashSet();
            Assert.True(expected.SetEquals(peers[host.Name]),
                $"{host.Name} has peers [{string.Join(", ", peers[host.Name])}], expected the other {expected.Count} hosts [{string.Join(", ", expected)}]");
        }
    }

    /// <summary>The MTU of wg0 on each host.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> MtusAsync(HostShell shell, IEnumerable<LabHost> hosts)
    {
        // From ip, not /sys/class/net: in a lab host that shows the machine's interfaces, not the host's.
        var outputs = await shell.OutputsAsync(hosts, _ => "ip -o link show dev wg0 | sed -n 's/.* mtu \\([0-9]*\\) .*/\\1/p'");
        return outputs.ToDictionary(p => p.Key, p => int.Parse(p.Value.Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>What is left of a WireGuard mesh on the host (interface, unit, files), one line each; empty when nothing is.</summary>
    public static async Task<string> WireGuardLeftoversAsync(HostShell shell, LabHost host) =>
        (await shell.OutputAsync(host,
            "ip link show dev wg0 >/dev/null 2>&1 && echo 'wg0 interface exists'\n" +
            "systemctl is-enabled --quiet wg-quick@wg0 2>/dev/null && echo 'wg-quick@wg0 enabled'\n" +
            "systemctl is-active --quiet wg-quick@wg0 2>/dev/null && echo 'wg-quick@wg0 active'\n" +
            "[ -e /etc/wireguard/wg0.conf ] && echo '/etc/wireguard/wg0.conf exists'\n" +
            "[ -e /etc/wireguard/multicloud.key ] && echo '/etc/wireguard/multicloud.key exists'\n" +
            "true\n")).Trim();
}
