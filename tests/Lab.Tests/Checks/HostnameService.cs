using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MultiCloud.Lab.Tests.Infrastructure;

namespace MultiCloud.Lab.Tests.Checks;

/// <summary>One TCP connection through the load balancer: the host name that answered and how long it took.</summary>
public sealed record Answer(string HostName, TimeSpan Elapsed);

/// <summary>
/// A stand-in for the API server on control hosts, made of systemd units only (nothing to install): a socket on
/// the host's mesh address, port 6443, and per connection a service that writes the host name to it.
/// </summary>
public static class HostnameService
{
    public const string SocketUnit = "mc-lab-hostname.socket";

    /// <summary>Installs and starts the socket on <paramref name="meshAddress"/>; enabled, so it is back after a reboot.</summary>
    public static Task InstallAsync(HostShell shell, LabHost host, string meshAddress, int port) =>
        shell.OutputAsync(host, $@"set -e
cat >/etc/systemd/system/{SocketUnit} <<'EOT'
[Unit]
Description=MultiCloud lab: the host name on the mesh address (stands in for the API server)

[Socket]
ListenStream={meshAddress}:{port}
Accept=yes
# After a reboot the socket may start before wg0 has the address.
FreeBind=yes

[Install]
WantedBy=sockets.target
EOT
cat >/etc/systemd/system/mc-lab-hostname@.service <<'EOT'
[Unit]
Description=MultiCloud lab: write the host name to one connection

[Service]
ExecStart=/bin/cat /etc/hostname
StandardInput=null
StandardOutput=socket
StandardError=journal
EOT
systemctl daemon-reload
systemctl enable --now {SocketUnit}
systemctl restart {SocketUnit}
");

    /// <summary>Connects to the address and reads until the far end closes; the answer is the host name it sent.</summary>
    public static async Task<Answer> ReadAsync(string address, int port, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(limit);
        using var client = new TcpClient();
        await client.ConnectAsync(address, port, timeout.Token);
        await using var stream = client.GetStream();
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, timeout.Token);
        return new Answer(Encoding.UTF8.GetString(buffer.ToArray()).Trim(), clock.Elapsed);
    }

    /// <summary><paramref name="count"/> connections one after the other; a failed one counts as an answer with an empty name.</summary>
    public static async Task<IReadOnlyList<Answer>> ReadManyAsync(string address, int port, int count, TimeSpan limit)
    {
        var answers = new List<Answer>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                answers.Add(await ReadAsync(address, port, limit));
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                answers.Add(new Answer("", clock.Elapsed));
            }
        }
        return answers;
    }

    public static string Describe(IEnumerable<Answer> answers) =>
        string.Join(", ", answers.Select(a => $"{(a.HostName.Length == 0 ? "(failed)" : a.HostName)} in {a.Elapsed.TotalSeconds:0.00}s"));
}
