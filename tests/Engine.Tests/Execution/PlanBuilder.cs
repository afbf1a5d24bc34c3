using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Tests.Execution;

/// <summary>Builds small plans by hand for executor tests, independent of the planner.</summary>
internal sealed class PlanBuilder
{
    private readonly List<PlanTask> tasks = new();
    private string id = "plan-1";
    private string clusterName = "prod";
    private bool isDestroy;

    public static ClusterSpec Spec(string name = "prod", string kubernetesVersion = "v1.31.2") => new()
    {
        Name = name,
        NodePools = new NodePoolSpec[]
        {
            new StaticNodePoolSpec
            {
                Name = "onprem",
                Nodes = new[] { new StaticNodeSpec { Endpoint = "192.0.2.10" }, new StaticNodeSpec { Endpoint = "192.0.2.11" } },
            },
        },
        Kubernetes = new KubernetesSpec { Version = kubernetesVersion, Network = "10.42.0.0/24", ControlPools = new[] { "onprem" } },
    };

    public PlanBuilder WithId(string planId)
    {
        id = planId;
        return this;
    }

    public PlanBuilder ForCluster(string name)
    {
        clusterName = name;
        return this;
    }

    public PlanBuilder Destroy()
    {
        isDestroy = true;
        return this;
    }

    public PlanBuilder Task(string taskId, Action<TaskBuilder> build)
    {
        var builder = new TaskBuilder(taskId);
        build(builder);
        tasks.Add(builder.Build());
        return this;
    }

    public Plan Build() => new()
    {
        ClusterName = clusterName,
        Id = id,
        Desired = Spec(clusterName),
        Tasks = tasks.ToList(),
        IsDestroy = isDestroy,
    };
}

internal sealed class TaskBuilder
{
    private readonly string id;
    private readonly List<PlanStep> steps = new();
    private readonly Dictionary<string, string> records = new();

    public TaskBuilder(string id) => this.id = id;

    public TaskBuilder Step(string name, StepKind kind, params string[] targets) =>
        DescribedStep(name, kind, $"{name} on {targets.Length} targets", targets);

    public TaskBuilder DescribedStep(string name, StepKind kind, string description, params string[] targets)
    {
        steps.Add(new PlanStep { Name = name, Kind = kind, Description = description, Targets = targets });
        return this;
    }

    public TaskBuilder Records(string layer, string fingerprint)
    {
        records[layer] = fingerprint;
        return this;
    }

    public PlanTask Build() => new()
    {
        Id = id,
        Kind = TaskKind.ConfigureMesh,
        Description = "task " + id,
        Steps = steps.ToList(),
        RecordsApplied = new Dictionary<string, string>(records),
    };
}
