using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Where pools are used: every reference must name a pool, every pool plays exactly one part (control,
    /// compute or one load balancer), and load balancer roles forward only to Kubernetes pools.
    /// </summary>
    internal static class PoolUsageRules
    {
        public const string OnePart = "each pool plays one part: control, compute or one load balancer";
        public const string UseIt = "list it under spec.kubernetes.pools.control, spec.kubernetes.pools.compute or a load balancer's pools";

        public static void Check(ClusterCheck check)
        {
            var cluster = check.Cluster;
            var knownPools = ClusterCheck.NamesOrNone(check.PoolNames);
            var usage = new Dictionary<string, string>();

            UseAll(check, cluster.Kubernetes.ControlPools, ManifestPaths.ControlPools, "a control pool", usage, knownPools);
            UseAll(check, cluster.Kubernetes.ComputePools, ManifestPaths.ComputePools, "a compute pool", usage, knownPools);
            for (var l = 0; l < cluster.LoadBalancers.Count; l++)
            {
                var loadBalancer = cluster.LoadBalancers[l];
                UseAll(check, loadBalancer.Pools, ManifestPaths.Field(ManifestPaths.LoadBalancer(l), "pools"),
                    "the pool of load balancer '" + loadBalancer.Name + "'", usage, knownPools);
            }

            foreach (var (pool, path) in check.Pools)
            {
                if (pool.Name.Length > 0 && !usage.ContainsKey(pool.Name))
                    check.Report(path, "pool '" + pool.Name + "' is not used", UseIt);
            }

            if (cluster.Kubernetes.ComputePools.Count > 0 && cluster.Kubernetes.ControlPools.Count == 0)
                check.Report(ManifestPaths.ControlPools, "compute pools need at least one control pool", "at least one pool under control");

            CheckRoleTargets(check);
        }

        private static void UseAll(ClusterCheck check, IReadOnlyList<string> names, string listPath, string part,
            Dictionary<string, string> usage, string knownPools)
        {
            var seenHere = new HashSet<string>();
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i];
                var path = ManifestPaths.Item(listPath, i);
                if (check.FindPool(name) is null)
                    check.Report(path, "pool '" + name + "' does not exist", knownPools);
                else if (!seenHere.Add(name))
                    check.Report(path, "pool '" + name + "' is listed twice", OnePart);
                else if (usage.TryGetValue(name, out var earlier))
                    check.Report(path, "pool '" + name + "' is already " + earlier, OnePart);
                else
                    usage[name] = part;
            }
        }

        private static void CheckRoleTargets(ClusterCheck check)
        {
            var cluster = check.Cluster;
            var control = cluster.Kubernetes.ControlPools;
            var kubernetesPools = control.Concat(cluster.Kubernetes.ComputePools).Where(n => check.FindPool(n) != null).Distinct().ToList();
            for (var l = 0; l < cluster.LoadBalancers.Count; l++)
            {
                var loadBalancers = cluster.LoadBalancers;
                for (var r = 0; r < loadBalancers[l].Roles.Count; r++)
                {
                    var role = loadBalancers[l].Roles[r];
                    var targetsPath = ManifestPaths.Field(ManifestPaths.Role(l, r), "targetPools");
                    if (role.TargetPools.Count == 0)
                        check.Report(targetsPath, "a role needs at least one target pool", ClusterCheck.NamesOrNone(kubernetesPools));
                    for (var t = 0; t < role.TargetPools.Count; t++)
                        CheckTarget(check, ManifestPaths.Item(targetsPath, t), role, role.TargetPools[t], kubernetesPools);
                }
            }
        }

        private static void CheckTarget(ClusterCheck check, string path, RoleSpec role, string target, List<string> kubernetesPools)
        {
            var kubernetes = check.Cluster.Kubernetes;
            var runningLoadBalancer = check.Cluster.LoadBalancers.FirstOrDefault(lb => lb.Pools.Contains(target));
            if (check.FindPool(target) is null)
                check.Report(path, "pool '" + target + "' does not exist", ClusterCheck.NamesOrNone(kubernetesPools));
            else if (!kubernetes.ControlPools.Contains(target) && !kubernetes.ComputePools.Contains(target) && runningLoadBalancer != null)
                check.Report(path, "pool '" + target + "' runs load balancer '" + runningLoadBalancer.Name + "', not Kubernetes nodes", ClusterCheck.NamesOrNone(kubernetesPools));
            else if (role.IsApiServer && !kubernetes.ControlPools.Contains(target) && kubernetes.ComputePools.Contains(target))
                check.Report(path, "the API server role must target control pools, '" + target + "' is a compute pool", ClusterCheck.NamesOrNone(kubernetes.ControlPools));
        }
    }
}
