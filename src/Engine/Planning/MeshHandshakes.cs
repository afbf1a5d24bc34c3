using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// A pair of mesh members whose tunnel has not handshaken for too long, as seen from one or both ends.
    /// <see cref="Age"/> is the youngest handshake either end saw; null when neither ever saw one.
    /// </summary>
    public sealed record StaleMeshPair(string First, string Second, TimeSpan? Age, IReadOnlyList<string> SeenFrom)
    {
        public string Describe()
        {
            var since = Age is TimeSpan age ? "for " + MeshHandshakes.Duration(age) : "ever";
            return $"no WireGuard handshake between {First} and {Second} {since} (seen from {string.Join(" and ", SeenFrom)})";
        }
    }

    /// <summary>
    /// Mesh health from the live peers a refresh saw. Every peer has PersistentKeepalive (25 s), and WireGuard starts a
    /// new handshake once its session is 120 s old and traffic (a keepalive is traffic) flows, so a live tunnel's latest
    /// handshake is never much older than two and a half minutes. WireGuard drops a session 180 s after its handshake:
    /// a peer whose latest handshake is older than that (about seven keepalive periods) has no working tunnel.
    /// </summary>
    public static class MeshHandshakes
    {
        public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(180);

        /// <summary>Pairs of mesh members with no recent handshake, each pair once with both ends named, in name order.</summary>
        public static IReadOnlyList<StaleMeshPair> Stale(ClusterState state, RefreshReport report)
        {
            // A key two members share (a cloned image, a state edited by hand) cannot say which of them a peer is: left out.
            var byKey = state.Nodes.Where(n => DriftFinder.InMesh(state, n)).GroupBy(n => n.WireGuardPublicKey!, StringComparer.Ordinal)
                .Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Name, StringComparer.Ordinal);
            var pairs = new Dictionary<(string, string), (TimeSpan? Age, List<string> SeenFrom)>();
            foreach (var node in state.Nodes.Where(n => DriftFinder.InMesh(state, n)))
            {
                var observed = report.Of(node.Name);
                if (observed?.WireGuard is null || observed.HostTime is null) continue;
                foreach (var peer in observed.WireGuard.Peers)
                {
                    if (!byKey.TryGetValue(peer.PublicKey, out var other) || other == node.Name) continue;
                    var age = peer.LatestHandshake is DateTimeOffset at ? observed.HostTime.Value - at : (TimeSpan?)null;
                    if (age is TimeSpan fresh && fresh <= StaleAfter) continue;
                    var key = Ordered(node.Name, other);
                    var entry = pairs.TryGetValue(key, out var found) ? found : (Age: (TimeSpan?)null, SeenFrom: new List<string>());
                    entry.SeenFrom.Add(node.Name);
                    pairs[key] = (Youngest(entry.Age, age), entry.SeenFrom);
                }
            }
            return pairs
                .OrderBy(p => p.Key.Item1, NodeNameOrder.Instance).ThenBy(p => p.Key.Item2, NodeNameOrder.Instance)
                .Select(p => new StaleMeshPair(p.Key.Item1, p.Key.Item2, p.Value.Age, p.Value.SeenFrom.OrderBy(n => n, NodeNameOrder.Instance).ToList()))
                .ToList();
        }

        /// <summary>The oldest latest-handshake among the node's live peers that are mesh members; null when it has none or never handshaked.</summary>
        public static TimeSpan? OldestHandshake(ClusterState state, NodeObservation observed)
        {
            if (observed.WireGuard is null || observed.HostTime is null) return null;
            var members = new HashSet<string>(state.Nodes.Where(n => DriftFinder.InMesh(state, n) && n.Name != observed.Node)
                .Select(n => n.WireGuardPublicKey!), StringComparer.Ordinal);
            var ages = observed.WireGuard.Peers.Where(p => members.Contains(p.PublicKey) && p.LatestHandshake != null)
                .Select(p => observed.HostTime.Value - p.LatestHandshake!.Value).ToList();
            return ages.Count == 0 ? null : ages.Max();
        }

        /// <summary>"45s", "3m 20s", "2h 5m".</summary>
        public static string Duration(TimeSpan span)
        {
            if (span < TimeSpan.Zero) span = TimeSpan.Zero;
            if (span.TotalMinutes < 1) return Number((int)span.TotalSeconds) + "s";
            if (span.TotalHours < 1) return Number((int)span.TotalMinutes) + "m" + (span.Seconds == 0 ? "" : " " + Number(span.Seconds) + "s");
            if (span.TotalDays < 1) return Number((int)span.TotalHours) + "h" + (span.Minutes == 0 ? "" : " " + Number(span.Minutes) + "m");
            return Number((int)span.TotalDays) + "d";
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static (string, string) Ordered(string a, string b) => NodeNameOrder.Instance.Compare(a, b) <= 0 ? (a, b) : (b, a);

        private static TimeSpan? Youngest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a < b ? a : b);
    }
}
