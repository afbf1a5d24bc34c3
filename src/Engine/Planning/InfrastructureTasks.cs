using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>"infra/&lt;pool&gt;": create the VMs of dynamic pools, register the machines of static pools; one task per pool with new nodes.</summary>
    internal static class InfrastructureTasks
    {
        public static IEnumerable<PlanTask> Create(PlanningContext context)
        {
            foreach (var pool in context.Pools.Ordered)
            {
                var created = context.Inventory.OfPool(pool.Name).Where(n => n.IsNew).ToList();
                if (created.Count == 0) continue;
                yield return pool is DynamicNodePoolSpec dynamic
                    ? CreateVirtualMachines(dynamic, context.Pools.ProviderOf(dynamic), created)
                    : RegisterMachines(pool.Name, created);
            }
        }

        /// <summary>
        /// "ensure-network" makes or finds the region's network, SSH key and pool firewalls and records the new nodes in
        /// the state before any machine is asked for, so a run that dies in "create-vms" leaves no machine the state
        /// does not name. The firewall task records the region's network once its rules are final.
        /// </summary>
        private static PlanTask CreateVirtualMachines(DynamicNodePoolSpec pool, ProviderSpec provider, IReadOnlyList<PlannedNode> created)
        {
            var region = CloudRegion.Of(pool);
            var names = created.Select(n => n.Name).ToList();
            var where = Describe.Location(pool.Region, pool.Zone);
            var providerText = $"{Describe.ProviderType(provider.Type)} provider {provider.Name}";
            var disk = pool.DiskSizeGb is int size ? ", " + size.ToString(CultureInfo.InvariantCulture) + " GB disk each" : "";
            return new PlanTask
            {
                Id = "infra/" + pool.Name,
                Kind = TaskKind.CreateInfrastructure,
                Description = $"create {Describe.Count(names.Count, "VM", "VMs")} for pool {pool.Name} in {where} with {providerText}",
                Targets = PlanParts.One(TargetKind.NodePool, pool.Name),
                Steps = new[]
                {
                    PlanParts.Step("ensure-network", StepKind.EnsureNetwork,
                        $"make or find the network, SSH key and pool firewalls of {providerText} in {pool.Region}, and record {Describe.Names(names)} as being created",
                        new[] { region.Target }),
                    PlanParts.Step("create-vms", StepKind.CreateVirtualMachines,
                        $"create {Describe.Count(names.Count, "VM", "VMs")} of server type {pool.ServerType} from image {pool.Image} in {where} with {providerText}{disk} ({Describe.Names(names)})",
                        names),
                },
            };
        }

        private static PlanTask RegisterMachines(string pool, IReadOnlyList<PlannedNode> created)
        {
            var names = created.Select(n => n.Name).ToList();
            var machines = created.Select(n => n.Name + " at " + Describe.Endpoint(n.User, n.Endpoint, n.Port)).ToList();
            return new PlanTask
            {
                Id = "infra/" + pool,
                Kind = TaskKind.CreateInfrastructure,
                Description = $"register {Describe.Count(names.Count, "static machine", "static machines")} for pool {pool}",
                Targets = PlanParts.One(TargetKind.NodePool, pool),
                Steps = new[]
                {
                    PlanParts.Step("register-nodes", StepKind.RegisterStaticNodes,
                        $"register {Describe.Count(names.Count, "static machine", "static machines")} of pool {pool} ({Describe.Names(machines)})",
                        names),
                },
            };
        }
    }
}
