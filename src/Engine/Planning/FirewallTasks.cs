using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// "firewall" (after the machines exist, before anything needs the mesh) and "firewall/prune" (after removed
    /// nodes are gone): the pool firewalls of each cloud region brought to <see cref="FirewallRules"/>, in place.
    /// WireGuard is let in from every node, so the rules follow the node set: "firewall" keeps the leaving nodes in
    /// (they are drained over the mesh), "firewall/prune" drops them. The fingerprint is over node names, since new
    /// machines' addresses are known only at run time; the handler puts the addresses in.
    /// </summary>
    internal sealed record FirewallTasks(PlanTask? Open, PlanTask? Prune)
    {
        public static FirewallTasks Create(PlanningContext context)
        {
            var final = context.Inventory.Nodes.Select(n => n.Name).ToList();
            var removed = context.Inventory.Removed.Select(n => n.Name).ToList();
            var regions = RegionsWithNodes(context);
            WarnAboutOpenSsh(context, regions);
            var open = Build(context, "firewall", regions, final.Concat(removed).ToList(), removed.Count == 0);
            var prune = removed.Count == 0 ? null : Build(context, "firewall/prune", regions, final, recordFinal: true);
            return new FirewallTasks(open, prune);
        }

        /// <summary>Regions where the cluster keeps at least one machine.</summary>
        public static IReadOnlyList<CloudRegion> RegionsWithNodes(PlanningContext context) =>
            CloudRegion.Ordered(context.Pools.Ordered.OfType<Model.DynamicNodePoolSpec>()
                .Where(pool => context.Inventory.OfPool(pool.Name).Count > 0)
                .Select(CloudRegion.Of));

        private static PlanTask? Build(PlanningContext context, string id, IReadOnlyList<CloudRegion> regions, IReadOnlyList<string> peers, bool recordFinal)
        {
            var changed = new List<CloudRegion>();
            var records = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var region in regions)
            {
                var key = AppliedKeys.Network(region);
                var fingerprint = Fingerprint(context, region, peers);
                if (fingerprint == context.Applied(key)) continue;
                changed.Add(region);
                // While leaving nodes are still let in, the rules are not final: only the prune records them.
                if (recordFinal) records[key] = fingerprint;
            }
            if (changed.Count == 0) return null;
            var targets = changed.Select(r => r.Target).ToList();
            var what = id == "firewall" ? "open" : "narrow";
            return new PlanTask
            {
                Id = id,
                Kind = TaskKind.ConfigureFirewalls,
                Description = $"{what} the pool firewalls of {Describe.Count(changed.Count, "cloud region", "cloud regions")} to the cluster's {Describe.Count(peers.Count, "node", "nodes")}",
                Targets = changed.Select(r => new TaskTarget(TargetKind.Resource, r.Target)).ToList(),
                Steps = new[]
                {
                    PlanParts.Step("update-firewalls", StepKind.EnsureNetwork,
                        $"set the firewall rules of {Describe.Names(targets)}: SSH from the operator, WireGuard from {Describe.Count(peers.Count, "node", "nodes")}, the load balancers' ports",
                        targets),
                },
                RecordsApplied = records,
            };
        }

        private static string Fingerprint(PlanningContext context, CloudRegion region, IReadOnlyList<string> peers) =>
            new CanonicalText().Add("rules", FirewallRules.Describe(FirewallRules.For(context.Desired, region, peers))).Hash();

        private static void WarnAboutOpenSsh(PlanningContext context, IReadOnlyList<CloudRegion> regions)
        {
            foreach (var provider in regions.Select(r => r.Provider).Distinct(StringComparer.Ordinal))
            {
                var spec = context.Desired.Providers.First(p => p.Name == provider);
                if (SshSources.IsOpenToAll(SshSources.Of(spec)))
                    context.Notices.Add(new PlanNotice(PlanNoticeKind.OpenSsh, provider, $"provider {provider} lets anyone on the internet try SSH on its machines ({SshSources.SettingName}: " +
                        $"{string.Join(", ", SshSources.Of(spec))}); narrow it to the addresses you connect from"));
            }
        }
    }
}
