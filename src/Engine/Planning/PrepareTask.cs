using System.Linq;

namespace MultiCloud.Engine.Planning
{
    /// <summary>"prepare": get new nodes, and nodes a previous run did not finish preparing, ready for the mesh and Kubernetes.</summary>
    internal static class PrepareTask
    {
        public static PlanTask? Create(PlanningContext context)
        {
            if (!context.Includes(ClusterLayer.Nodes)) return null;
            var names = context.Inventory.Nodes.Where(n => !context.Inventory.IsPrepared(n)).Select(n => n.Name).ToList();
            if (names.Count == 0) return null;
            return new PlanTask
            {
                Id = "prepare",
                Kind = TaskKind.PrepareNodes,
                Description = $"prepare {Describe.Count(names.Count, "node", "nodes")}: SSH access, host key, packages and kernel settings",
                Targets = PlanParts.Nodes(names),
                Steps = new[]
                {
                    PlanParts.Step("prepare-nodes", StepKind.PrepareNodes,
                        $"connect over SSH, pin the host key, detect the OS, install wireguard-tools and the node's packages and set sysctls on {Describe.Nodes(names)}",
                        names),
                },
            };
        }
    }
}
