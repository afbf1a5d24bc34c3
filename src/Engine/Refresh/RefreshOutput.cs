using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MultiCloud.Engine.Refresh
{
    /// <summary>
    /// Reads what <see cref="RefreshScript"/> printed into a <see cref="NodeObservation"/>. Output that does not
    /// start with the format line, lacks the end line (the script was cut off) or holds a malformed fact gives an
    /// Unreadable observation naming the line, never a half-read one.
    /// </summary>
    public static class RefreshOutput
    {
        public static NodeObservation Parse(string nodeName, string standardOutput, DateTimeOffset seenAt)
        {
            var lines = standardOutput.Replace("\r\n", "\n").Split('\n').Where(line => line.Length > 0).ToList();
            if (lines.Count == 0 || lines[0] != RefreshScript.FormatLine)
                return Unreadable(nodeName, seenAt, $"the refresh script on {nodeName} printed no '{RefreshScript.FormatLine}' line first; is bash the login shell?");
            if (lines[lines.Count - 1] != RefreshScript.EndLine)
                return Unreadable(nodeName, seenAt, $"the refresh script on {nodeName} stopped before its end; see the run log");

            var reader = new Facts(nodeName);
            for (var i = 1; i < lines.Count - 1; i++)
            {
                var problem = reader.Read(lines[i]);
                if (problem != null) return Unreadable(nodeName, seenAt, $"the refresh of {nodeName} printed a line it cannot read ({problem}): {lines[i]}");
            }
            return reader.Observation(seenAt);
        }

        private static NodeObservation Unreadable(string nodeName, DateTimeOffset seenAt, string problem) =>
            new NodeObservation { Node = nodeName, Check = HostCheck.Unreadable, SeenAt = seenAt, Problem = problem };

        /// <summary>The facts read so far; <see cref="Read"/> returns a problem for a line it cannot take.</summary>
        private sealed class Facts
        {
            private readonly string nodeName;
            private readonly List<string> hostKeys = new List<string>();
            private readonly Dictionary<string, string?> files = new Dictionary<string, string?>(StringComparer.Ordinal);
            private readonly Dictionary<string, ServiceObservation> services = new Dictionary<string, ServiceObservation>(StringComparer.Ordinal);
            private readonly List<PeerObservation> peers = new List<PeerObservation>();
            private readonly SortedSet<string> listening = new SortedSet<string>(StringComparer.Ordinal);
            private readonly Dictionary<string, NodeReadiness> kubernetesNodes = new Dictionary<string, NodeReadiness>(StringComparer.Ordinal);
            private (bool Answered, string? Problem)? kubernetesApi;
            private DateTimeOffset? hostTime;
            private string? operatingSystem;
            private (string PublicKey, int Port)? wireGuard;

            public Facts(string nodeName)
            {
                this.nodeName = nodeName;
            }

            public string? Read(string line)
            {
                var space = line.IndexOf(' ');
                var tag = space < 0 ? line : line.Substring(0, space);
                var rest = space < 0 ? "" : line.Substring(space + 1);
                switch (tag)
                {
                    case "now":
                        hostTime = Epoch(rest);
                        return hostTime is null ? "not a time" : null;
                    case "os":
                        operatingSystem = rest;
                        return null;
                    case "host-key":
                        hostKeys.Add(rest);
                        return null;
                    case "file":
                        return ReadFile(rest);
                    case "service":
                        return ReadService(rest);
                    case "wg":
                        return ReadInterface(rest);
                    case "peer":
                        return ReadPeer(rest);
                    case "listen":
                        listening.Add(rest);
                        return null;
                    case "k8s-api":
                        return ReadKubernetesApi(rest);
                    case "k8s-node":
                        return ReadKubernetesNode(rest);
                    default:
                        return "unknown fact '" + tag + "'";
                }
            }

            public NodeObservation Observation(DateTimeOffset seenAt) => new NodeObservation
            {
                Node = nodeName,
                Check = HostCheck.Checked,
                SeenAt = seenAt,
                HostTime = hostTime,
                OperatingSystem = operatingSystem,
                HostKeys = hostKeys,
                Files = files,
                Services = services,
                WireGuard = wireGuard is { } live ? new WireGuardObservation(live.PublicKey, live.Port, peers) : null,
                Listening = listening.ToList(),
                KubernetesApi = kubernetesApi is { } api ? new KubernetesApiObservation(api.Answered, api.Problem, kubernetesNodes) : null,
            };

            private string? ReadKubernetesApi(string rest)
            {
                var parts = rest.Split(new[] { ' ' }, 2);
                switch (parts[0])
                {
                    case "ok":
                        kubernetesApi = (true, null);
                        return null;
                    case "none":
                    case "error":
                        kubernetesApi = (false, parts.Length == 2 && parts[1].Trim().Length > 0 ? parts[1].Trim() : "kubectl said nothing");
                        return null;
                    default:
                        return "expected ok, none or error";
                }
            }

            private string? ReadKubernetesNode(string rest)
            {
                var parts = rest.Split(' ');
                if (parts.Length != 3) return "expected node name, Ready status and reason";
                kubernetesNodes[parts[0]] = new NodeReadiness(parts[1], parts[2] == "-" ? null : parts[2]);
                return null;
            }

            private string? ReadFile(string rest)
            {
                var parts = rest.Split(new[] { ' ' }, 2);
                if (parts.Length != 2 || parts[1].Length == 0) return "no path";
                if (parts[0] != FileHashes.Absent && !IsSha256(parts[0])) return "not a SHA-256";
                files[parts[1]] = parts[0] == FileHashes.Absent ? null : parts[0];
                return null;
            }

            private string? ReadService(string rest)
            {
                var parts = rest.Split(new[] { ' ' }, 3);
                if (parts.Length != 3) return "expected active state, enabled state and unit";
                services[parts[2]] = new ServiceObservation(parts[2], parts[0], parts[1]);
                return null;
            }

            private string? ReadInterface(string rest)
            {
                if (rest == "none") return null;
                var parts = rest.Split(' ');
                if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                    return "expected public key and port";
                wireGuard = (parts[0], port);
                return null;
            }

            private string? ReadPeer(string rest)
            {
                var parts = rest.Split(' ');
                if (parts.Length != 4) return "expected public key, endpoint, allowed IPs and latest handshake";
                var handshake = Epoch(parts[3]);
                if (handshake is null) return "latest handshake is not a time";
                peers.Add(new PeerObservation(parts[0], parts[1] == "(none)" ? null : parts[1], parts[2],
                    handshake.Value.ToUnixTimeSeconds() == 0 ? null : handshake));
                return null;
            }

            private static DateTimeOffset? Epoch(string text) =>
                long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253402300800
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null;

            private static bool IsSha256(string text) =>
                text.Length == 64 && text.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        }
    }
}
