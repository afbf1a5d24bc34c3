using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// "cleanup": delete DNS records nothing asks for any more and forget the fingerprints of what is gone (a removed
    /// load balancer, a pool, the last node). Planned whatever <see cref="PlanOptions.Until"/> says, because it only
    /// finishes removals. Forgetting a key is recording it with an empty value.
    /// </summary>
    internal static class CleanupTask
    {
        public static PlanTask? Create(PlanningContext context, IReadOnlyDictionary<string, string> unattached)
        {
            var desired = context.Desired;
            var withDns = new HashSet<string>(desired.LoadBalancers.Where(lb => lb.Dns != null).Select(lb => lb.Name), StringComparer.Ordinal);
            var dnsGone = DnsNames(context.Current.Applied.Keys, context.Previous).Where(name => !withDns.Contains(name)).ToList();

            var records = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in ObsoleteKeys(context, dnsGone)) records[key] = AppliedKeys.Removed;
            foreach (var record in unattached) records[record.Key] = record.Value;
            return Build(desired.Name, dnsGone, records);
        }

        /// <summary>Load balancers that have (or had, in the previous spec) DNS records, from the applied keys and the previous spec.</summary>
        public static IEnumerable<string> DnsNames(IEnumerable<string> appliedKeys, ClusterSpec? previous)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var key in appliedKeys.Where(k => k.StartsWith(AppliedKeys.DnsPrefix, StringComparison.Ordinal)))
                names.Add(key.Substring(AppliedKeys.DnsPrefix.Length));
            if (previous != null)
                foreach (var loadBalancer in previous.LoadBalancers.Where(lb => lb.Dns != null)) names.Add(loadBalancer.Name);
            return names;
        }

        /// <summary>
        /// Load balancers whose DNS records a removal must delete: those recorded as applied, those whose DNS task a
        /// stopped run had begun, and — once any load balancer was configured (the DNS tasks come right after) — every
        /// load balancer with DNS in <paramref name="spec"/>, since a run killed inside a DNS call may have made records
        /// it never journaled. A cluster whose first run failed before its load balancers plans no DNS call, so it can be
        /// removed even where the DNS provider cannot be reached.
        /// </summary>
        public static IEnumerable<string> DnsNamesThatMayExist(State.ClusterState current, ClusterSpec spec)
        {
            var names = new SortedSet<string>(DnsNames(current.Applied.Keys, null), StringComparer.Ordinal);
            var journal = current.Journal;
            var journalKeys = journal is null ? new string[0] : journal.CompletedSteps.Concat(journal.CompletedTargets.Keys)
                .Concat(journal.StoppedStep is null ? new string[0] : new[] { journal.StoppedStep }).ToArray();
            var begun = journalKeys
                .Where(key => key.StartsWith(AppliedKeys.DnsPrefix, StringComparison.Ordinal))
                .Select(key => key.Substring(AppliedKeys.DnsPrefix.Length).Split('/')[0]);
            foreach (var name in begun) names.Add(name);
            var reachedLoadBalancers = current.Applied.Keys.Concat(journalKeys)
                .Any(key => key.StartsWith(AppliedKeys.LoadBalancerPrefix, StringComparison.Ordinal));
            if (reachedLoadBalancers)
                foreach (var loadBalancer in spec.LoadBalancers.Where(lb => lb.Dns != null)) names.Add(loadBalancer.Name);
            return names;
        }

        public static PlanTask? Build(string clusterName, IReadOnlyList<string> dnsGone, IReadOnlyDictionary<string, string> records)
        {
            if (dnsGone.Count == 0 && records.Count == 0) return null;
            var steps = new List<PlanStep>();
            var parts = new List<string>();
            if (dnsGone.Count > 0)
            {
                var targets = dnsGone.Select(AppliedKeys.Dns).ToList();
                steps.Add(PlanParts.Step("delete-dns-records", StepKind.DeleteDnsRecords,
                    $"delete the DNS records of {(dnsGone.Count == 1 ? "load balancer " + dnsGone[0] : Describe.Nodes(dnsGone, "load balancer", "load balancers"))}",
                    targets));
                parts.Add($"delete the DNS records of {Describe.Count(dnsGone.Count, "load balancer", "load balancers")}");
            }
            if (records.Count > 0)
            {
                var verb = records.Values.All(v => v.Length == 0) ? "forget" : "update";
                parts.Add($"{verb} {Describe.Count(records.Count, "applied record", "applied records")} ({Describe.Names(records.Keys.ToList())})");
            }
            return new PlanTask
            {
                Id = "cleanup",
                Kind = TaskKind.Cleanup,
                Description = string.Join(" and ", parts),
                Targets = PlanParts.One(TargetKind.Cluster, clusterName),
                Steps = steps,
                RecordsApplied = new Dictionary<string, string>(records.ToDictionary(r => r.Key, r => r.Value)),
            };
        }

        /// <summary>Applied keys of things the cluster no longer has; keys of things that still exist are left to their own tasks.</summary>
        private static IEnumerable<string> ObsoleteKeys(PlanningContext context, IReadOnlyList<string> dnsGone)
        {
            var desired = context.Desired;
            var inventory = context.Inventory;
            var current = context.Current.Applied;
            if (inventory.Nodes.Count == 0 && current.ContainsKey(AppliedKeys.Mesh)) yield return AppliedKeys.Mesh;
            if (!inventory.HasControlPlane)
            {
                if (current.ContainsKey(AppliedKeys.KubernetesVersion)) yield return AppliedKeys.KubernetesVersion;
                if (current.ContainsKey(AppliedKeys.KubernetesNodes)) yield return AppliedKeys.KubernetesNodes;
                if (current.ContainsKey(AppliedKeys.Storage)) yield return AppliedKeys.Storage;
            }
            foreach (var key in context.AppliedKeysStartingWith(AppliedKeys.LoadBalancerPrefix))
            {
                var loadBalancer = desired.LoadBalancers.FirstOrDefault(lb => AppliedKeys.LoadBalancer(lb.Name) == key);
                if (loadBalancer is null || context.NodesOfLoadBalancer(loadBalancer).Count == 0) yield return key;
            }
            foreach (var name in dnsGone.Where(n => current.ContainsKey(AppliedKeys.Dns(n)))) yield return AppliedKeys.Dns(name);
            foreach (var key in context.AppliedKeysStartingWith(AppliedKeys.MetadataPrefix))
            {
                var pool = key.Substring(AppliedKeys.MetadataPrefix.Length);
                if (!context.Pools.Contains(pool) || !Inventory.IsKubernetes(context.Pools.RoleOf(pool))) yield return key;
            }
        }
    }
}
