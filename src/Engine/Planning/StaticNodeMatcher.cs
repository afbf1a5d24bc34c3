using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>A machine of a static pool and the state node that is the same machine (same endpoint and port), if any.</summary>
    internal sealed record StaticSlot(StaticNodePoolSpec Pool, StaticNodeSpec Machine, NodeState? Match)
    {
        /// <summary>The name the node has or must have; null when a fresh "&lt;pool&gt;-&lt;n&gt;" is to be allocated.</summary>
        public string? FixedName => Machine.Name ?? Match?.Name;
    }

    /// <summary>
    /// Pairs the machines of static pools with the nodes they already are. A machine is identified by endpoint and
    /// SSH port; its node name, once given, stays. Refuses what cannot be done in one apply: a machine listed twice,
    /// a machine moving between pools, a renamed machine, a name taken over by another machine.
    /// </summary>
    internal static class StaticNodeMatcher
    {
        public static IReadOnlyList<StaticSlot> Match(PoolCatalog catalog, ClusterState current)
        {
            var slots = new List<StaticSlot>();
            var known = new KnownMachines(current);
            var machines = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var explicitNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pool in catalog.Ordered.OfType<StaticNodePoolSpec>())
            {
                var matched = new HashSet<string>(StringComparer.Ordinal);
                foreach (var machine in pool.Nodes)
                {
                    var where = Describe.Endpoint(machine.User, machine.Endpoint, machine.Port);
                    if (machines.TryGetValue(Key(machine.Endpoint, machine.Port), out var firstPool))
                        throw PlanErrors.InvalidInput(pool.Name, $"the machine {machine.Endpoint}:{machine.Port} is listed twice (pools '{firstPool}' and '{pool.Name}'); list each machine once");
                    machines.Add(Key(machine.Endpoint, machine.Port), pool.Name);
                    var sameMachine = known.At(machine);
                    CheckNotInOtherPool(sameMachine, pool, machine);

                    var match = sameMachine.FirstOrDefault(n => n.Pool == pool.Name && !matched.Contains(n.Name));
                    if (match != null) matched.Add(match.Name);
                    if (machine.Name != null) CheckExplicitName(known, pool, machine, match, where, explicitNames);
                    slots.Add(new StaticSlot(pool, machine, match));
                }
            }
            return slots;
        }

        private static void CheckNotInOtherPool(IReadOnlyList<NodeState> sameMachine, StaticNodePoolSpec pool, StaticNodeSpec machine)
        {
            var other = sameMachine.FirstOrDefault(n => n.Pool != pool.Name);
            if (other is null) return;
            throw PlanErrors.InvalidInput(pool.Name,
                $"the machine {machine.Endpoint}:{machine.Port} is node '{other.Name}' of pool '{other.Pool}' and cannot move to pool '{pool.Name}' in one apply; " +
                $"remove it from '{other.Pool}' and apply, then add it to '{pool.Name}'");
        }

        private static void CheckExplicitName(KnownMachines known, StaticNodePoolSpec pool, StaticNodeSpec machine, NodeState? match, string where, HashSet<string> explicitNames)
        {
            var name = machine.Name!;
            if (match != null && match.Name != name)
                throw PlanErrors.Immutable(pool.Name, $"static node {where} of pool '{pool.Name}'", "name", match.Name, name,
                    $"keep the name '{match.Name}', or remove the machine from the pool and apply, then add it again under the new name");
            if (!explicitNames.Add(name))
                throw PlanErrors.InvalidInput(name, $"the node name '{name}' is given to two machines; node names must be unique");
            if (match != null) return;

            var owner = known.Named(name);
            if (owner is null) return;
            if (owner.Pool == pool.Name)
                throw PlanErrors.Immutable(pool.Name, $"static node '{name}' of pool '{pool.Name}'", "endpoint",
                    Describe.Endpoint(owner.SshUser, owner.PublicAddress, owner.SshPort), where,
                    $"give the new machine another name, or remove '{name}' and apply before adding the new machine under that name");
            throw PlanErrors.InvalidInput(name, $"the node name '{name}' given in pool '{pool.Name}' belongs to a node of pool '{owner.Pool}'; choose another name");
        }

        private static string Key(string endpoint, int port) => endpoint + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// The state's nodes by machine (endpoint, case-insensitive, and SSH port) and by name, in state order, so
        /// matching costs one lookup per machine: planning stays linear in the number of nodes.
        /// </summary>
        private sealed class KnownMachines
        {
            private readonly Dictionary<string, List<NodeState>> byMachine = new Dictionary<string, List<NodeState>>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<string, NodeState> byName = new Dictionary<string, NodeState>(StringComparer.Ordinal);

            public KnownMachines(ClusterState current)
            {
                foreach (var node in current.Nodes)
                {
                    if (!byName.ContainsKey(node.Name)) byName[node.Name] = node;
                    if (node.PublicAddress is null) continue;
                    var key = Key(node.PublicAddress, node.SshPort);
                    if (!byMachine.TryGetValue(key, out var list)) byMachine[key] = list = new List<NodeState>();
                    list.Add(node);
                }
            }

            public IReadOnlyList<NodeState> At(StaticNodeSpec machine) =>
                byMachine.TryGetValue(Key(machine.Endpoint, machine.Port), out var list) ? list : (IReadOnlyList<NodeState>)new NodeState[0];

            public NodeState? Named(string name) => byName.TryGetValue(name, out var node) ? node : null;
        }
    }
}
