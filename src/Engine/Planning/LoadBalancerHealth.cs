using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// What a probe from the operator's machine found just before planning: the load-balancer nodes that did not answer
    /// on their role ports. An input of the pure planner next to the state (the probe itself is
    /// <see cref="LoadBalancing.LoadBalancerProbe"/>); nodes it does not list are taken as healthy, so a plan made
    /// without probing (offline, a new cluster) keeps every node in DNS.
    /// </summary>
    public sealed record LoadBalancerHealth
    {
        /// <summary>Node name → the TCP ports that did not answer.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<int>> Unanswered { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

        public static LoadBalancerHealth AllHealthy { get; } = new LoadBalancerHealth();

        public bool IsHealthy(string nodeName) => !Unanswered.ContainsKey(nodeName);

        /// <summary>"lb-1 (no answer on 6443, 443)".</summary>
        public string DescribeUnhealthy(string nodeName) =>
            nodeName + " (no answer on " + string.Join(", ", Unanswered[nodeName].Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
    }

    /// <summary>The nodes a load balancer's DNS records point at: its healthy nodes, or all of them when none answers.</summary>
    public static class DnsRecordNodes
    {
        /// <summary>
        /// When no node answers, the records keep every node: taking all of them out would only make the name fail for
        /// longer once the nodes are back (resolvers cache the missing name), and it helps no client meanwhile.
        /// </summary>
        public static IReadOnlyList<string> Of(IReadOnlyList<string> loadBalancerNodes, LoadBalancerHealth health)
        {
            var healthy = loadBalancerNodes.Where(health.IsHealthy).ToList();
            return healthy.Count == 0 ? loadBalancerNodes : healthy;
        }

        public static IReadOnlyList<string> Of(Plan plan, Model.LoadBalancerSpec loadBalancer) =>
            Of(plan.Nodes.Where(n => loadBalancer.Pools.Contains(n.Pool)).Select(n => n.Name).ToList(), plan.Health);

        /// <summary>The record names of a load balancer: its hostname (or "&lt;lb&gt;-&lt;cluster&gt;") and its alternative names.</summary>
        public static IReadOnlyList<string> Names(string clusterName, Model.LoadBalancerSpec loadBalancer) =>
            new[] { loadBalancer.Dns?.Hostname ?? loadBalancer.Name + "-" + clusterName }
                .Concat(loadBalancer.Dns?.AlternativeNames ?? Array.Empty<string>())
                .Distinct(StringComparer.Ordinal).ToList();
    }
}
