using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>"lb/&lt;name&gt;" (nginx stream configuration) and "dns/&lt;name&gt;" (records pointing at the load-balancer nodes).</summary>
    internal static class LoadBalancerTasks
    {
        public static IEnumerable<PlanTask> Create(PlanningContext context)
        {
            if (!context.Includes(ClusterLayer.LoadBalancers)) return new PlanTask[0];
            var loadBalancers = context.Desired.LoadBalancers.OrderBy(lb => lb.Name, StringComparer.Ordinal).ToList();
            var configure = loadBalancers.Select(lb => Configure(context, lb));
            var dns = loadBalancers.Select(lb => UpdateDns(context, lb));
            return configure.Concat(dns).OfType<PlanTask>().ToList();
        }

        private static PlanTask? Configure(PlanningContext context, LoadBalancerSpec loadBalancer)
        {
            var nodes = context.NodesOfLoadBalancer(loadBalancer);
            if (nodes.Count == 0) return null;
            var fingerprint = Fingerprints.LoadBalancer(loadBalancer, context.Inventory, nodes);
            var key = AppliedKeys.LoadBalancer(loadBalancer.Name);
            if (fingerprint == context.Applied(key)) return null;

            var roles = string.Join("; ", loadBalancer.Roles.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => DescribeRole(context, r)));
            return new PlanTask
            {
                Id = "lb/" + loadBalancer.Name,
                Kind = TaskKind.ConfigureLoadBalancers,
                Description = $"configure load balancer {loadBalancer.Name} on {Describe.Count(nodes.Count, "node", "nodes")}",
                Targets = PlanParts.One(TargetKind.LoadBalancer, loadBalancer.Name),
                Steps = new[]
                {
                    PlanParts.Step("write-lb-config", StepKind.WriteLoadBalancerConfig,
                        $"write the nginx stream configuration of load balancer {loadBalancer.Name} ({(roles.Length == 0 ? "no roles" : roles)}) on {Describe.Nodes(nodes)}",
                        nodes),
                },
                RecordsApplied = PlanParts.Records(key, fingerprint),
            };
        }

        private static PlanTask? UpdateDns(PlanningContext context, LoadBalancerSpec loadBalancer)
        {
            if (loadBalancer.Dns is null) return null;
            var all = context.NodesOfLoadBalancer(loadBalancer);
            var nodes = DnsRecordNodes.Of(all, context.Health);
            var unhealthy = all.Where(n => !context.Health.IsHealthy(n)).Select(context.Health.DescribeUnhealthy).ToList();
            // Said whether or not the records change: the user should know every node of a load balancer is down.
            if (unhealthy.Count > 0 && nodes.Count == all.Count)
                context.Notices.Add(new PlanNotice(PlanNoticeKind.LoadBalancerDown, loadBalancer.Name,
                    $"no node of load balancer {loadBalancer.Name} answers on its ports ({string.Join(", ", unhealthy)}); its DNS records keep them all"));
            var fingerprint = Fingerprints.Dns(loadBalancer.Dns, nodes);
            var key = AppliedKeys.Dns(loadBalancer.Name);
            if (fingerprint == context.Applied(key)) return null;

            var records = DescribeRecords(context.Desired.Name, loadBalancer);
            var health = unhealthy.Count == 0 ? "" : nodes.Count == all.Count
                ? $"; every node fails its probe ({string.Join(", ", unhealthy)}), so none is taken out"
                : $"; taken out until they answer again: {string.Join(", ", unhealthy)}";
            var action = nodes.Count == 0
                ? $"withdraw {records} via DNS provider {loadBalancer.Dns.Provider}: load balancer {loadBalancer.Name} has no nodes"
                : $"point {records} at the public addresses of {Describe.Nodes(nodes)} of load balancer {loadBalancer.Name} via DNS provider {loadBalancer.Dns.Provider}{health}";
            return new PlanTask
            {
                Id = "dns/" + loadBalancer.Name,
                Kind = TaskKind.UpdateDns,
                Description = $"update the DNS records of load balancer {loadBalancer.Name} in zone {loadBalancer.Dns.Zone}",
                Targets = PlanParts.One(TargetKind.LoadBalancer, loadBalancer.Name),
                Steps = new[] { PlanParts.Step("update-dns", StepKind.UpdateDnsRecords, action, new[] { key }) },
                RecordsApplied = PlanParts.Records(key, fingerprint),
            };
        }

        private static string DescribeRole(PlanningContext context, RoleSpec role)
        {
            var targets = context.Inventory.Nodes.Count(n => role.TargetPools.Contains(n.Pool));
            var pools = role.TargetPools.Count == 0 ? "no pool" : "pool " + string.Join(", ", role.TargetPools);
            var proxy = role.ProxyProtocol ? " with PROXY protocol" : "";
            return $"{role.Name}: {role.Protocol.ToString().ToLowerInvariant()} {role.Port.ToString(CultureInfo.InvariantCulture)} -> " +
                $"port {role.TargetPort.ToString(CultureInfo.InvariantCulture)} of {Describe.Count(targets, "node", "nodes")} in {pools}{proxy}";
        }

        private static string DescribeRecords(string clusterName, LoadBalancerSpec loadBalancer)
        {
            var dns = loadBalancer.Dns!;
            var name = DnsRecordNodes.Names(clusterName, loadBalancer)[0] + "." + dns.Zone;
            var alternatives = dns.AlternativeNames.Count == 0 ? "" : " and " + Describe.Count(dns.AlternativeNames.Count, "alternative name", "alternative names");
            return $"{name}{alternatives} in zone {dns.Zone}";
        }
    }
}
