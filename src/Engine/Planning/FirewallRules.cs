using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// The inbound rules of each pool's firewall in a cloud region, from the spec and the cluster's nodes: SSH from the
    /// operator (<see cref="SshSources"/>), WireGuard (UDP 51820) from every node of the cluster, and on load-balancer
    /// pools the ports of their load balancers' roles from anywhere — so 6443 is open only where an API-server role
    /// listens. Everything else inbound is dropped; traffic between nodes inside the mesh never meets these rules.
    /// </summary>
    public static class FirewallRules
    {
        public const int WireGuardPort = 51820;

        private static readonly IReadOnlyList<string> Anywhere = new[] { "0.0.0.0/0", "::/0" };

        /// <param name="peers">Where mesh traffic comes from: the nodes' addresses as CIDRs (or, for a fingerprint, their names).</param>
        public static IReadOnlyDictionary<string, IReadOnlyList<FirewallRule>> For(ClusterSpec spec, CloudRegion region, IReadOnlyList<string> peers)
        {
            var provider = spec.Providers.First(p => p.Name == region.Provider);
            var rules = new SortedDictionary<string, IReadOnlyList<FirewallRule>>(StringComparer.Ordinal);
            foreach (var pool in region.PoolsIn(spec)) rules[pool.Name] = ForPool(spec, pool, SshSources.Of(provider), peers);
            return rules;
        }

        /// <summary>A text of the rules for fingerprints and plan descriptions, in a stable order.</summary>
        public static string Describe(IReadOnlyDictionary<string, IReadOnlyList<FirewallRule>> rules) =>
            string.Join("; ", rules.Select(pool => pool.Key + ": " + string.Join(", ", pool.Value.Select(Describe))));

        public static string Describe(FirewallRule rule) =>
            rule.Protocol.ToString().ToLowerInvariant() + " " + rule.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) +
            " from " + string.Join(" ", rule.Sources);

        private static IReadOnlyList<FirewallRule> ForPool(ClusterSpec spec, DynamicNodePoolSpec pool, IReadOnlyList<string> sshSources, IReadOnlyList<string> peers)
        {
            var rules = new List<FirewallRule> { new FirewallRule(FirewallProtocol.Tcp, 22, sshSources, "SSH from the operator") };
            if (peers.Count > 0)
                rules.Add(new FirewallRule(FirewallProtocol.Udp, WireGuardPort, peers.OrderBy(p => p, StringComparer.Ordinal).ToList(), "WireGuard from the cluster's nodes"));
            var roles = spec.LoadBalancers.Where(lb => lb.Pools.Contains(pool.Name)).SelectMany(lb => lb.Roles.Select(role => (lb, role)));
            foreach (var (lb, role) in roles.OrderBy(r => r.role.Port).ThenBy(r => r.role.Protocol))
            {
                var protocol = role.Protocol == LoadBalancerProtocol.Udp ? FirewallProtocol.Udp : FirewallProtocol.Tcp;
                if (rules.Any(r => r.Protocol == protocol && r.Port == role.Port)) continue;
                rules.Add(new FirewallRule(protocol, role.Port, Anywhere, $"load balancer {lb.Name} role {role.Name}"));
            }
            return rules;
        }
    }
}
