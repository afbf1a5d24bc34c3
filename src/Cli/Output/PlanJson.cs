using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cli.Output
{
    /// <summary>
    /// `plan --output json`: one entry per cluster of the manifest. When the manifest holds exactly one cluster,
    /// its tasks are repeated at the top level so that `.tasks` works without knowing the cluster name.
    /// </summary>
    public sealed record PlanDocument(
        IReadOnlyList<ClusterPlanJson> Clusters,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PlanTaskJson>? Tasks)
    {
        public static PlanDocument From(IReadOnlyList<Plan> plans)
        {
            var clusters = plans.Select(ClusterPlanJson.From).ToList();
            return new PlanDocument(clusters, clusters.Count == 1 ? clusters[0].Tasks : null);
        }
    }

    public sealed record ClusterPlanJson(string Cluster, string PlanId, bool IsDestroy, IReadOnlyList<PlanTaskJson> Tasks)
    {
        public static ClusterPlanJson From(Plan plan) =>
            new ClusterPlanJson(plan.ClusterName, plan.Id, plan.IsDestroy, PlanTaskInfo.From(plan).Select(PlanTaskJson.From).ToList());
    }

    public sealed record PlanTaskJson(int Order, string Id, TaskKind Kind, string Description, IReadOnlyList<string> Targets, IReadOnlyList<string> Steps)
    {
        public static PlanTaskJson From(PlanTaskInfo task) =>
            new PlanTaskJson(task.Order, task.Id, System.Enum.Parse<TaskKind>(task.Kind), task.Description, task.Targets, task.Steps);
    }
}
