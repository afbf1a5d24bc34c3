using MultiCloud.Engine.Client;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Client;

public sealed class JournalRebaseTests
{
    private static Plan Replan(ClusterState stopped) => Planner.Create(InterruptedRuns.Grown(), stopped);

    [Fact]
    public void Onto_StoppedRunOfTheSameSpec_ReplanHasAnotherIdButStillHoldsTheStoppedStep()
    {
        var stopped = InterruptedRuns.StoppedWritingMesh();

        var replan = Replan(stopped);

        Assert.NotEqual(stopped.Journal!.PlanId, replan.Id);
        Assert.Contains("workers-1", PlanSummary.Step(replan, "mesh", "write-mesh-config").Targets);
        Assert.DoesNotContain(replan.Tasks, task => task.Id == "prepare");
    }

    [Fact]
    public void Onto_NoJournal_ReturnsTheStateUnchanged()
    {
        var applied = InterruptedRuns.Applied();

        Assert.Same(applied, JournalRebase.Onto(applied, InterruptedRuns.FirstPlan()));
    }

    [Fact]
    public void Onto_JournalOfTheSamePlan_ReturnsTheStateUnchanged()
    {
        var stopped = InterruptedRuns.StoppedWritingMesh();
        var replan = Replan(stopped);
        var resumable = stopped.WithJournal(journal => journal with { PlanId = replan.Id });

        Assert.Same(resumable, JournalRebase.Onto(resumable, replan));
    }

    [Fact]
    public void Onto_JournalOfAnotherSpec_ReturnsTheStateUnchanged()
    {
        var stopped = InterruptedRuns.StoppedWritingMesh()
            .WithJournal(journal => journal with { DesiredSpec = InterruptedRuns.Grown().WithVersion("v1.32.0") });

        Assert.Same(stopped, JournalRebase.Onto(stopped, Replan(stopped)));
    }

    [Fact]
    public void Onto_SameSpecAndReplanHoldsTheStoppedStep_CarriesTheFinishedTargetsOntoTheReplan()
    {
        var stopped = InterruptedRuns.StoppedWritingMesh();
        var replan = Replan(stopped);

        var rebased = JournalRebase.Onto(stopped, replan);

        var journal = rebased.Journal!;
        Assert.Equal(replan.Id, journal.PlanId);
        var carried = Assert.Single(journal.CompletedTargets);
        Assert.Equal(InterruptedRuns.StoppedStep, carried.Key);
        Assert.Equal(InterruptedRuns.FinishedTargets, carried.Value);
        Assert.Empty(journal.CompletedSteps);
        Assert.Same(stopped.Journal!.DesiredSpec, journal.DesiredSpec);
        Assert.Equal(stopped.Journal.StartedAt, journal.StartedAt);
        Assert.Equal(stopped.Journal.LastError, journal.LastError);
        Assert.Same(stopped.Nodes, rebased.Nodes);
        Assert.Same(stopped.Applied, rebased.Applied);
    }

    [Fact]
    public void Onto_CompletedStepWhoseKeyComesBackInTheReplan_IsNotCarried()
    {
        const string joinWorkers = "kubernetes/join/join-workers";
        var stopped = InterruptedRuns.StoppedWritingMesh()
            .WithJournal(journal => journal with { CompletedSteps = journal.CompletedSteps.Append(joinWorkers).ToList() });
        var replan = Replan(stopped);
        Assert.Contains("workers-3", PlanSummary.Step(replan, "kubernetes/join", "join-workers").Targets);

        var rebased = JournalRebase.Onto(stopped, replan);

        Assert.Equal(replan.Id, rebased.Journal!.PlanId);
        Assert.DoesNotContain(joinWorkers, rebased.Journal.CompletedSteps);
        Assert.Empty(rebased.Journal.CompletedSteps);
    }

    [Fact]
    public void Onto_FinishedTargetsNoLongerAmongTheStepsTargets_DropsThem()
    {
        var stopped = InterruptedRuns.StoppedWritingMesh().WithJournal(journal => journal with
        {
            CompletedTargets = new Dictionary<string, IReadOnlyList<string>>
            {
                [InterruptedRuns.StoppedStep] = new[] { "control-1", "workers-9", "workers-1" },
            },
        });

        var rebased = JournalRebase.Onto(stopped, Replan(stopped));

        Assert.Equal(new[] { "control-1", "workers-1" }, rebased.Journal!.CompletedTargets[InterruptedRuns.StoppedStep]);
    }

    public static TheoryData<string, Dictionary<string, IReadOnlyList<string>>> NothingToCarry => new()
    {
        { "no finished targets", new Dictionary<string, IReadOnlyList<string>>() },
        {
            "only a step the re-plan no longer has",
            new Dictionary<string, IReadOnlyList<string>> { ["prepare/prepare-nodes"] = new[] { "workers-3" } }
        },
        {
            "only targets the stopped step no longer has",
            new Dictionary<string, IReadOnlyList<string>> { [InterruptedRuns.StoppedStep] = new[] { "workers-9" } }
        },
        {
            "a step key of another task",
            new Dictionary<string, IReadOnlyList<string>> { ["mesh/prune/write-mesh-config"] = new[] { "control-1" } }
        },
    };

    [Theory]
    [MemberData(nameof(NothingToCarry))]
    public void Onto_NothingToCarry_ReturnsTheStateUnchanged(string because, Dictionary<string, IReadOnlyList<string>> finished)
    {
        var stopped = InterruptedRuns.StoppedWritingMesh().WithJournal(journal => journal with { CompletedTargets = finished });

        Assert.True(ReferenceEquals(stopped, JournalRebase.Onto(stopped, Replan(stopped))), because);
    }
}
