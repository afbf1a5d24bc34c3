using System.Text.RegularExpressions;
using MultiCloud.Lab.Tests.Infrastructure;

namespace MultiCloud.Lab.Tests.Checks;

/// <summary>The nginx stream configuration as it is on a load-balancer host.</summary>
public static class NginxChecks
{
    public const string StreamConfig = "/etc/nginx/multicloud/stream.conf";

    public static Task<string> StreamConfigAsync(HostShell shell, LabHost host) => shell.OutputAsync(host, "cat " + StreamConfig);

    /// <summary>The "address:port" of every upstream server line of the live stream configuration.</summary>
    public static async Task<IReadOnlyList<string>> UpstreamServersAsync(HostShell shell, LabHost host)
    {
        var config = await StreamConfigAsync(shell, host);
        return Regex.Matches(config, @"^\s*server\s+([0-9.]+:[0-9]+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>SHA-256 and modification time of the stream configuration and nginx's main PID and workers.</summary>
    public static Task<string> FingerprintAsync(HostShell shell, LabHost host) => shell.OutputAsync(host,
        "echo \"$(sha256sum " + StreamConfig + " | cut -c1-64) $(stat -c %y " + StreamConfig + ")\"\n" +
        "pid=$(systemctl show -p MainPID --value nginx)\n" +
        "echo \"main=$pid workers=$(cat /proc/$pid/task/*/children 2>/dev/null)\"\n");
}
