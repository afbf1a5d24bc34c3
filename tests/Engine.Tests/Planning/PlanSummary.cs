using Xunit;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Tests.Planning
{
    /// <summary>Compact views of a plan for assertions, and the invariants every plan must keep.</summary>
    internal static class PlanSummary
    {
        /// <summary>One line per step: "task step: target, target"; a task without steps is "task (records only)".</summary>
        public static IReadOnlyList<string> Steps(Plan plan) => plan.Tasks
            .SelectMany(t => t.Steps.Count == 0
                ? new[] { t.Id + " (records only)" }
                : t.Steps.Select(s => $"{t.Id} {s.Name}: {string.Join(", ", s.Targets)}"))
            .ToList();

        public static IReadOnlyList<string> TaskIds(Plan plan) => plan.Tasks.Select(t => t.Id).ToList();

        public static PlanStep Step(Plan plan, string taskId, string stepName) =>
            plan.Tasks.Single(t => t.Id == taskId).Steps.Single(s => s.Name == stepName);

        public static IReadOnlyDictionary<string, string> Records(Plan plan) =>
            plan.Tasks.SelectMany(t => t.RecordsApplied).ToDictionary(r => r.Key, r => r.Value);

        /// <summary>Holds for every plan: unique ids and names, described steps, node targets that are nodes of the plan.</summary>
        public static void AssertInvariants(Plan plan)
        {
            Assert.Equal(plan.Tasks.Count, plan.Tasks.Select(t => t.Id).Distinct().Count());
            Assert.Equal(plan.Nodes.Count, plan.Nodes.Select(n => n.Name).Distinct().Count());
            Assert.Equal(plan.Nodes.Count, plan.Nodes.Select(n => n.MeshAddress).Distinct().Count());
            Assert.Empty(plan.Nodes.Select(n => n.Name).Intersect(plan.RemovedNodes));
            Assert.Equal(plan.Tasks.SelectMany(t => t.RecordsApplied.Keys).Count(), plan.Tasks.SelectMany(t => t.RecordsApplied.Keys).Distinct().Count());
            var known = new HashSet<string>(plan.Nodes.Select(n => n.Name).Concat(plan.RemovedNodes));
            foreach (var task in plan.Tasks)
            {
                Assert.False(string.IsNullOrWhiteSpace(task.Description), task.Id);
                Assert.True(task.Steps.Count > 0 || task.RecordsApplied.Count > 0, task.Id + " does nothing");
                Assert.Equal(task.Steps.Count, task.Steps.Select(s => s.Name).Distinct().Count());
                foreach (var step in task.Steps)
                {
                    Assert.False(string.IsNullOrWhiteSpace(step.Description), step.Name);
                    Assert.NotEmpty(step.Targets);
                    if (IsAboutNodes(step.Kind))
                        Assert.All(step.Targets, target => Assert.Contains(target, known));
                }
            }
        }

        private static bool IsAboutNodes(StepKind kind) =>
            kind != StepKind.UpdateDnsRecords && kind != StepKind.DeleteDnsRecords && kind != StepKind.InstallLonghorn
            && kind != StepKind.EnsureNetwork && kind != StepKind.DeleteNetwork;
    }
}
