using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// The Kubernetes layer as Kubernetes itself reports it: every joined node is Ready only when its Node object's
    /// Ready condition says True, as the first joined control node (by name) that answered saw it through its admin
    /// kubeconfig, that is through the API endpoint. Nodes a finished run joined or converged are vouched for by the
    /// run. Pure.
    /// </summary>
    internal sealed class KubernetesHealth
    {
        public const string Ready = "Ready";
        public const string NotReady = "NotReady";
        public const string Missing = "Missing";
        public const string Unknown = "Unknown";

        private readonly Dictionary<string, string> readiness = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> nodeProblems = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly List<string> joined;
        private readonly string? askedOn;
        private readonly KubernetesApiObservation? answer;
        private readonly IReadOnlyList<string> unanswered;
        private readonly IReadOnlyList<string> unmanaged;

        private KubernetesHealth(ClusterState state, RefreshReport report, Func<string, bool> vouchedFor)
        {
            joined = state.Nodes.Where(n => n.Joined).Select(n => n.Name).ToList();
            var controls = state.Nodes.Where(n => n.Joined && n.Role == NodeRole.Control).Select(n => n.Name).OrderBy(n => n, NodeNameOrder.Instance).ToList();
            var asked = controls.Select(report.Of).Where(o => o?.KubernetesApi != null).Select(o => o!).ToList();
            var first = asked.FirstOrDefault(o => o.KubernetesApi!.Answered);
            askedOn = first?.Node;
            answer = first?.KubernetesApi;
            unanswered = controls.Select(name => WhyNoAnswer(name, report.Of(name))).OfType<string>().ToList();
            AskedAnyone = asked.Count > 0;
            unmanaged = answer?.Nodes.Keys.Where(name => !joined.Contains(name)).OrderBy(n => n, StringComparer.Ordinal).ToList() ?? new List<string>();

            foreach (var node in joined.Where(n => !vouchedFor(n)))
            {
                if (answer is null)
                {
                    readiness[node] = Unknown;
                    continue;
                }
                if (!answer.Nodes.TryGetValue(node, out var condition))
                {
                    readiness[node] = Missing;
                    nodeProblems[node] = $"{node} is joined but Kubernetes has no Node object for it (its kubelet never registered, or the Node was deleted)";
                    continue;
                }
                readiness[node] = condition.IsReady ? Ready : NotReady;
                if (!condition.IsReady) nodeProblems[node] = NotReadyProblem(node, condition, report.Of(node));
            }
            foreach (var node in joined.Where(vouchedFor)) readiness[node] = Ready;
        }

        public static KubernetesHealth Of(ClusterState state, RefreshReport report, Func<string, bool> vouchedFor) => new KubernetesHealth(state, report, vouchedFor);

        /// <summary>Whether any joined control node was asked (a refresh of nodes without one asks nobody).</summary>
        public bool AskedAnyone { get; }

        /// <summary>True when some node of the cluster is joined: the layer is applied.</summary>
        public bool Applied => joined.Count > 0;

        /// <summary>Why no control node's answer could be used, when some node still needed one; null when one answered or none was needed.</summary>
        public string? ApiProblem => answer is null && readiness.Values.Any(r => r == Unknown) && unanswered.Count > 0 && AskedAnyone
            ? "the Kubernetes API did not answer on any control node: " + string.Join("; ", unanswered)
            : null;

        /// <summary>Ready, NotReady, Missing or Unknown for a joined node; null for a node not joined.</summary>
        public string? ReadinessOf(string node) => readiness.TryGetValue(node, out var value) ? value : null;

        /// <summary>Every problem: the API's, then each node's in the state's order.</summary>
        public IEnumerable<string> Problems() =>
            (ApiProblem is null ? new string[0] : new[] { ApiProblem }).Concat(joined.Where(nodeProblems.ContainsKey).Select(n => nodeProblems[n]));

        public string? ProblemOf(string node) => nodeProblems.TryGetValue(node, out var problem) ? problem : null;

        /// <summary>Joined nodes Kubernetes (or the run) calls Ready.</summary>
        public int ReadyCount => readiness.Values.Count(r => r == Ready);

        public int JoinedCount => joined.Count;

        /// <summary>True when some joined node's readiness is unknown: no control node was asked or answered.</summary>
        public bool AnyUnknown => readiness.Values.Any(r => r == Unknown);

        /// <summary>The control node whose answer was used; null when none answered.</summary>
        public string? AskedOn => askedOn;

        /// <summary>Per control node that was asked and gave no usable answer, why ("control-2 not checked", "control-1: …").</summary>
        public IReadOnlyList<string> Unanswered => unanswered;

        /// <summary>Node objects Kubernetes lists that are no joined node of the state (added by hand, or left over).</summary>
        public IReadOnlyList<string> Unmanaged => unmanaged;

        private static string? WhyNoAnswer(string node, NodeObservation? observed)
        {
            if (observed is null) return null;
            if (!observed.IsChecked) return $"{node} not checked";
            if (observed.KubernetesApi is null || observed.KubernetesApi.Answered) return null;
            return $"{node}: {observed.KubernetesApi.Problem}";
        }

        private static string NotReadyProblem(string node, NodeReadiness condition, NodeObservation? observed)
        {
            var problem = $"{node} is not Ready in Kubernetes (Ready={condition.Status}{(condition.Reason is null ? "" : ", " + condition.Reason)})";
            var stopped = ManagedOnHosts.KubernetesUnits
                .Where(unit => observed != null && observed.Services.TryGetValue(unit, out var seen) && !seen.IsActive)
                .ToList();
            return stopped.Count > 0
                ? problem + $"; {string.Join(" and ", stopped)} {(stopped.Count == 1 ? "is" : "are")} not active on the host: start {(stopped.Count == 1 ? "it" : "them")} (systemctl start {string.Join(" ", stopped)})"
                : problem + $"; see `journalctl -u kubelet` on {node}";
        }
    }
}
