using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Planning;

namespace MultiCloud.Engine.Tests.Client;

/// <summary>
/// States left by runs that stopped, built with the real planner: the own-machines cluster of
/// <see cref="ClusterSpecs.Static"/> fully applied, then grown by a third worker, with the run stopped while it wrote
/// the mesh configuration (control-1 and workers-1 done).
/// </summary>
internal static class InterruptedRuns
{
    public const string StoppedStep = "mesh/write-mesh-config";

    public static readonly IReadOnlyList<string> FinishedTargets = new[] { "control-1", "workers-1" };

    /// <summary>The cluster as applied before the change.</summary>
    public static ClusterState Applied() => SimulatedApply.Plan(ClusterSpecs.Static());

    /// <summary>The change: a third static worker. A new instance on every call, so identity cannot come from references.</summary>
    public static ClusterSpec Grown() =>
        ClusterSpecs.Static().WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.21", "192.168.10.22", "192.168.10.23"));

    /// <summary>The plan the stopped run was executing.</summary>
    public static Plan FirstPlan() => Planner.Create(Grown(), Applied());

    /// <summary>
    /// What the executor leaves when the run stops in the middle of writing the mesh: the steps before it moved the
    /// state (the new worker registered, prepared and keyed), the mesh fingerprint is not recorded, the applied spec
    /// is still the old one, and the journal names the finished steps and the finished targets of the stopped one.
    /// </summary>
    public static ClusterState StoppedWritingMesh()
    {
        var applied = Applied();
        var first = FirstPlan();
        var mesh = first.Tasks.Single(task => task.Id == "mesh");
        var finishedTasks = first.Tasks
            .TakeWhile(task => task.Id != "mesh")
            .Append(mesh with
            {
                Steps = mesh.Steps.Where(step => step.Kind == StepKind.GenerateMeshKeys).ToList(),
                RecordsApplied = new Dictionary<string, string>(),
            })
            .ToList();
        var moved = SimulatedApply.Run(applied, first with { Tasks = finishedTasks });
        var finishedSteps = finishedTasks.SelectMany(task => task.Steps.Select(step => task.Id + "/" + step.Name)).ToList();
        return moved with
        {
            AppliedSpec = applied.AppliedSpec,
            Journal = new JournalState
            {
                PlanId = first.Id,
                DesiredSpec = Grown(),
                StartedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
                CompletedSteps = finishedSteps,
                CompletedTargets = new Dictionary<string, IReadOnlyList<string>> { [StoppedStep] = FinishedTargets },
                LastError = "SshConnectionFailed: workers-2 did not answer",
            },
        };
    }

    /// <summary>A journal for <paramref name="state"/> with other content; the rest of the state stays.</summary>
    public static ClusterState WithJournal(this ClusterState state, Func<JournalState, JournalState> edit) =>
        state with { Journal = edit(state.Journal!) };
}
