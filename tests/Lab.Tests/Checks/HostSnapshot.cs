using MultiCloud.Lab.Tests.Infrastructure;

namespace MultiCloud.Lab.Tests.Checks;

/// <summary>
/// Everything on a host that an apply could touch, as text: modification time and SHA-256 of each file MultiCloud
/// manages, the start time and main PID of wg-quick@wg0 and nginx, nginx's worker PIDs (a reload replaces them)
/// and wg0's interface index (a restart makes a new interface; read with ip, because /sys/class/net in a lab host
/// shows the machine's interfaces, not the host's). Two equal snapshots mean nothing was touched.
/// </summary>
public static class HostSnapshot
{
    public static readonly IReadOnlyList<string> ManagedFiles = new[]
    {
        "/etc/wireguard/wg0.conf",
        "/etc/wireguard/multicloud.key",
        "/etc/nginx/multicloud/stream.conf",
        "/etc/nginx/modules-enabled/90-multicloud-stream.conf",
        "/etc/sysctl.d/90-multicloud.conf",
        "/etc/modules-load.d/multicloud.conf",
    };

    private static readonly string Script =
        "for file in " + string.Join(" ", ManagedFiles) + "; do\n" +
        "  if [ -e \"$file\" ]; then echo \"$file mtime=$(stat -c %y \"$file\") sha256=$(sha256sum <\"$file\" | cut -c1-64)\"\n" +
        "  else echo \"$file absent\"; fi\n" +
        "done\n" +
        "for unit in wg-quick@wg0 nginx; do\n" +
        "  echo \"$unit $(systemctl show -p ActiveEnterTimestamp -p MainPID -p ActiveState \"$unit\" | sort | tr '\\n' ' ')\"\n" +
        "done\n" +
        "pid=$(systemctl show -p MainPID --value nginx)\n" +
        "if [ \"$pid\" != 0 ]; then echo \"nginx workers $(cat /proc/$pid/task/*/children 2>/dev/null)\"; fi\n" +
        "echo \"wg0 $(ip -o link show dev wg0 2>/dev/null | cut -d: -f1 || echo none)\"\n";

    /// <summary>Snapshots of several hosts at once, by host name.</summary>
    public static Task<IReadOnlyDictionary<string, string>> TakeAsync(HostShell shell, IEnumerable<LabHost> hosts) =>
        shell.OutputsAsync(hosts, _ => Script);
}
