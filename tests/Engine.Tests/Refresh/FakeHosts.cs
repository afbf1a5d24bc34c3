using System.Globalization;
using System.Text;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Refresh;

/// <summary>
/// Test double of a cluster's hosts behind <see cref="IRemoteShell"/>, for the client's refresh paths: a refresh
/// script gets the output a real host would print for the observation the test set (rendered in the refresh format
/// and read back by the real parser); a step's script gets "changed" and a file hash; a node set unreachable fails
/// like OpenSSH does. Every script is logged with the session (one shell per engine call) that sent it.
/// </summary>
internal sealed class FakeHosts
{
    private readonly object gate = new();
    private readonly Dictionary<string, Func<NodeObservation>> hosts = new(StringComparer.Ordinal);
    private int sessions;

    public List<(int Session, string Node, string Description)> Sent { get; } = new();

    /// <summary>The hash every step reports for the files it wrote.</summary>
    public const string WrittenHash = "9999999999999999999999999999999999999999999999999999999999999999";

    public void Set(string node, Func<NodeObservation> observation)
    {
        lock (gate) hosts[node] = observation;
    }

    public int Sessions => sessions;

    public IReadOnlyList<string> SentTo(string description) =>
        Sent.Where(s => s.Description == description).Select(s => s.Node).OrderBy(n => n, StringComparer.Ordinal).ToList();

    public IRemoteShell Shell() => new Session(this, Interlocked.Increment(ref sessions));

    /// <summary>An observation as the refresh script prints it.</summary>
    public static string Output(NodeObservation observed)
    {
        var text = new StringBuilder(RefreshScript.FormatLine + "\n");
        text.Append("now ").Append(observed.HostTime!.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("os ").Append(observed.OperatingSystem).Append('\n');
        foreach (var key in observed.HostKeys) text.Append("host-key ").Append(key).Append('\n');
        foreach (var (path, hash) in observed.Files) text.Append("file ").Append(hash ?? FileHashes.Absent).Append(' ').Append(path).Append('\n');
        foreach (var unit in observed.Services.Values) text.Append("service ").Append(unit.ActiveState).Append(' ').Append(unit.EnabledState).Append(' ').Append(unit.Unit).Append('\n');
        if (observed.WireGuard is { } live)
        {
            text.Append("wg ").Append(live.PublicKey).Append(' ').Append(live.ListenPort.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var peer in live.Peers)
            {
                text.Append("peer ").Append(peer.PublicKey).Append(' ').Append(peer.Endpoint ?? "(none)").Append(' ').Append(peer.AllowedIps).Append(' ')
                    .Append((peer.LatestHandshake?.ToUnixTimeSeconds() ?? 0).ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        else
        {
            text.Append("wg none\n");
        }
        foreach (var port in observed.Listening) text.Append("listen ").Append(port).Append('\n');
        return text.Append(RefreshScript.EndLine).Append('\n').ToString();
    }

    private sealed class Session : IRemoteShell
    {
        private readonly FakeHosts hosts;
        private readonly int number;
        private readonly Dictionary<string, int> roundTrips = new(StringComparer.Ordinal);

        public Session(FakeHosts hosts, int number)
        {
            this.hosts = hosts;
            this.number = number;
        }

        public Task<HostKey> ConnectAsync(SshTarget target, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a refreshed cluster's nodes all have pinned host keys; nothing should connect to learn one");

        public Task<RemoteResult> RunScriptAsync(SshTarget target, string description, string script, bool allowFailure, CancellationToken cancellationToken)
        {
            Func<NodeObservation> host;
            lock (hosts.gate)
            {
                hosts.Sent.Add((number, target.NodeName, description));
                roundTrips[target.NodeName] = roundTrips.TryGetValue(target.NodeName, out var count) ? count + 1 : 1;
                host = hosts.hosts[target.NodeName];
            }
            var observed = host();
            if (observed.Check == HostCheck.Unreachable)
                throw new MultiCloudException(ErrorIds.SshConnectionFailed, ErrorKind.Connection, observed.Problem!) { Target = target.NodeName };
            if (description == "refresh") return Task.FromResult(new RemoteResult(0, Output(observed), ""));

            var written = string.Concat(observed.Files.Keys.Select(path => $"multicloud-result: {FileHashes.ReportKey(path)}={WrittenHash}\n"));
            return Task.FromResult(new RemoteResult(0, "multicloud-result: mesh=changed\nmulticloud-result: lb=changed\n" + written, ""));
        }

        public void Redact(string secret)
        {
        }

        public int RoundTrips(string nodeName)
        {
            lock (hosts.gate) return roundTrips.TryGetValue(nodeName, out var count) ? count : 0;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
