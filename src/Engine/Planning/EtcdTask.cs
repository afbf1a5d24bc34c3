using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// "etcd": etcd as a service on the control nodes. A cluster without members starts one on the first control
    /// node; every further control node is added as a member one at a time (one step each, in name order), each
    /// before its kubeadm join.
    /// </summary>
    internal static class EtcdTask
    {
        public static PlanTask? Create(PlanningContext context)
        {
            var inventory = context.Inventory;
            var control = inventory.OfRole(NodeRole.Control).OrderBy(n => n.Name, NodeNameOrder.Instance).ToList();
            var missing = control.Where(n => !inventory.IsEtcdMember(n)).Select(n => n.Name).ToList();
            if (missing.Count == 0) return null;

            var version = KubernetesVersions.Etcd(context.Desired);
            var steps = new List<PlanStep>();
            var hasMembers = control.Any(inventory.IsEtcdMember) || context.Current.Nodes.Any(n => n.EtcdMember);
            if (!hasMembers)
            {
                var first = missing[0];
                steps.Add(PlanParts.Step("start-etcd", StepKind.StartEtcd,
                    $"make etcd's certificate authority, install etcd {version} on {first} and start a one-member cluster on its mesh address", new[] { first }));
                missing.RemoveAt(0);
            }
            steps.AddRange(missing.Select(name => PlanParts.Step("add-etcd-member-" + name, StepKind.AddEtcdMember,
                $"add {name} as an etcd member (etcdctl member add on a running member), install etcd {version} on it and start it", new[] { name })));
            var all = steps.SelectMany(s => s.Targets).ToList();
            return new PlanTask
            {
                Id = "etcd",
                Kind = TaskKind.ConfigureEtcd,
                Description = hasMembers
                    ? $"add {Describe.Count(all.Count, "etcd member", "etcd members")} one at a time"
                    : $"start etcd {version} on {Describe.Count(all.Count, "control node", "control nodes")}, members added one at a time",
                Targets = PlanParts.Nodes(all),
                Steps = steps,
            };
        }
    }
}
