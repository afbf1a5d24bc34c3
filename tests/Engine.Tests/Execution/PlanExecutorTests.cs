using System.Text.Json;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Execution;

public sealed class PlanExecutorTests
{
    private static Plan ThreeStepPlan(string id = "plan-1") => new PlanBuilder()
        .WithId(id)
        .Task("infra", t => t.Step("register", StepKind.RegisterStaticNodes, "n1", "n2"))
        .Task("mesh", t => t
            .Step("keys", StepKind.GenerateMeshKeys, "n1", "n2")
            .Step("config", StepKind.WriteMeshConfig, "n1", "n2"))
        .Build();

    private static IStepHandler[] Recorders(TestCallLog log) => new IStepHandler[]
    {
        new RecordingTestStepHandler(StepKind.RegisterStaticNodes, log),
        new RecordingTestStepHandler(StepKind.GenerateMeshKeys, log),
        new RecordingTestStepHandler(StepKind.WriteMeshConfig, log),
    };

    [Fact]
    public async Task RunAsync_TasksStepsAndTargets_RunInOrderAndTheirUpdatesAreSaved()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var log = new TestCallLog();
        var plan = ThreeStepPlan();

        var result = await harness.RunAsync(plan, Recorders(log), maxParallelTargets: 1);

        Assert.Equal(
            new[] { "infra/register:n1", "infra/register:n2", "mesh/keys:n1", "mesh/keys:n2", "mesh/config:n1", "mesh/config:n2" },
            log.Calls);
        var onDisk = await harness.OnDiskAsync();
        Assert.NotNull(onDisk);
        Assert.Equal(result.Serial, onDisk!.Serial);
        Assert.Null(onDisk.Journal);
        Assert.Equal(JsonSerializer.Serialize(plan.Desired, StateJson.Options), JsonSerializer.Serialize(onDisk.AppliedSpec, StateJson.Options));
        Assert.Contains(RecordingTestStepHandler.Marker("mesh", "config", "n2"), onDisk.Applied.Keys);
        Assert.Equal(6, onDisk.Applied.Count);

        // One save for the new journal, one per step, one at the end.
        Assert.Equal(5, onDisk.Serial);
    }

    [Fact]
    public async Task RunAsync_LaterStep_SeesTheUpdatesOfEarlierStepsInItsContext()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var log = new TestCallLog();
        var handlers = Recorders(log);

        await harness.RunAsync(ThreeStepPlan(), handlers);

        var config = (RecordingTestStepHandler)handlers[2];
        Assert.Contains(RecordingTestStepHandler.Marker("mesh", "keys", "n1"), config.SeenAppliedKeys["mesh/config:n2"]);
        Assert.DoesNotContain(RecordingTestStepHandler.Marker("mesh", "config", "n1"), config.SeenAppliedKeys["mesh/config:n2"]);
    }

    [Fact]
    public async Task RunAsync_ManyTargets_RunsAtMostMaxParallelTargetsAtOnce()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var counter = new ConcurrencyCountingTestStepHandler(StepKind.PrepareNodes);
        var targets = Enumerable.Range(1, 20).Select(i => "n" + i).ToArray();
        var plan = new PlanBuilder().Task("prepare", t => t.Step("prepare", StepKind.PrepareNodes, targets)).Build();

        await harness.RunAsync(plan, new IStepHandler[] { counter }, maxParallelTargets: 3);

        Assert.Equal(3, counter.MaximumConcurrency);
    }

    [Fact]
    public async Task RunAsync_EmptyPlan_ChangesAndSavesNothing()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var plan = new PlanBuilder().Build();

        var result = await harness.RunAsync(plan, Array.Empty<IStepHandler>());

        Assert.Equal(0, result.Serial);
        Assert.Null(await harness.OnDiskAsync());
    }

    [Theory]
    [InlineData(ClusterLayer.LoadBalancers, ClusterLayer.LoadBalancers)]
    [InlineData(ClusterLayer.Storage, null)]
    public async Task RunAsync_PlanWithScope_RecordsItAsTheClustersScope(ClusterLayer until, ClusterLayer? recorded)
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var plan = new PlanBuilder().Task("prepare", t => t.Step("prepare", StepKind.PrepareNodes, "n1")).Build() with { Until = until };

        var result = await harness.RunAsync(plan, new IStepHandler[] { new RecordingTestStepHandler(StepKind.PrepareNodes, new TestCallLog()) });

        Assert.Equal(recorded, result.Until);
        Assert.Equal(recorded, (await harness.OnDiskAsync())!.Until);
    }

    [Fact]
    public async Task RunAsync_EmptyDestroyPlan_DeletesTheState()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        await harness.SeedAsync(new ClusterState { Name = "prod" });
        var plan = new PlanBuilder().Destroy().Build();

        await harness.RunAsync(plan, Array.Empty<IStepHandler>());

        Assert.Null(await harness.OnDiskAsync());
    }

    [Fact]
    public async Task RunAsync_TaskFinishes_RecordsItsAppliedFingerprintsAndEmptyOnesRemoveKeys()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        await harness.SeedAsync(new ClusterState
        {
            Name = "prod",
            Applied = new Dictionary<string, string> { ["mesh"] = "old", ["lb/gone"] = "fp", ["kept"] = "k" },
        });
        var log = new TestCallLog();
        var plan = new PlanBuilder()
            .Task("mesh", t => t.Step("config", StepKind.WriteMeshConfig, "n1").Records("mesh", "new").Records("lb/gone", string.Empty))
            .Build();

        await harness.RunAsync(plan, Recorders(log));

        var applied = (await harness.OnDiskAsync())!.Applied;
        Assert.Equal("new", applied["mesh"]);
        Assert.False(applied.ContainsKey("lb/gone"));
        Assert.Equal("k", applied["kept"]);
    }

    [Fact]
    public async Task RunAsync_DestroyPlan_RunsItsStepsThenDeletesTheState()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        await harness.SeedAsync(new ClusterState { Name = "prod" });
        var log = new TestCallLog();
        var plan = new PlanBuilder().Destroy().Task("cleanup", t => t.Step("release", StepKind.ReleaseStaticNodes, "n1", "n2")).Build();

        var result = await harness.RunAsync(plan, new IStepHandler[] { new RecordingTestStepHandler(StepKind.ReleaseStaticNodes, log) });

        Assert.Equal(2, log.Calls.Count);
        Assert.Null(await harness.OnDiskAsync());
        Assert.Empty(await harness.Store.ListAsync());
        Assert.Null(result.Journal);
        Assert.Contains(RecordingTestStepHandler.Marker("cleanup", "release", "n2"), result.Applied.Keys);
    }

    [Fact]
    public async Task RunAsync_StepKindWithoutHandler_FailsWithNotSupportedYetNamingTheStep()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var plan = new PlanBuilder()
            .Task("infra/control-az", t => t.DescribedStep("create-vms", StepKind.CreateVirtualMachines, "create 3 virtual machines on Azure", "control-az"))
            .Build();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => harness.RunAsync(plan, Array.Empty<IStepHandler>()));

        Assert.Equal(ErrorIds.NotSupportedYet, error.ErrorId);
        Assert.Equal(ErrorKind.NotSupported, error.Kind);
        Assert.Contains("create 3 virtual machines on Azure", error.Message);
        Assert.Contains("cloud node pools", error.Message);
        Assert.StartsWith(ErrorIds.NotSupportedYet + ": ", (await harness.OnDiskAsync())!.Journal!.LastError);
    }

    [Fact]
    public async Task RunAsync_Progress_ReportsEveryLevelInOrderAndEndsAtHundredPercent()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var log = new TestCallLog();

        await harness.RunAsync(ThreeStepPlan(), Recorders(log));

        var events = harness.Events;
        Assert.Equal(EngineEventKind.RunStarted, events[0].Kind);
        Assert.Equal(EngineEventKind.RunFinished, events[^1].Kind);
        Assert.Equal(100, events[^1].PercentComplete);
        Assert.Equal(2, events.Count(e => e.Kind == EngineEventKind.TaskStarted));
        Assert.Equal(3, events.Count(e => e.Kind == EngineEventKind.StepFinished));
        foreach (var finished in events.Where(e => e.Kind == EngineEventKind.TargetFinished))
        {
            var started = events.FindIndex(e => e.Kind == EngineEventKind.TargetStarted && e.StepName == finished.StepName && e.Target == finished.Target);
            Assert.InRange(started, 0, events.IndexOf(finished) - 1);
            Assert.NotNull(finished.Duration);
        }

        var lastTarget = events.Last(e => e.Kind == EngineEventKind.TargetFinished);
        Assert.Equal(100, lastTarget.PercentComplete);
        Assert.Equal(events.Count, harness.Log.Lines.Count);
    }

    [Fact]
    public void Constructor_MaxParallelTargetsBelowOne_Throws()
    {
        var store = new LocalStateStore(Path.GetTempPath());

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PlanExecutor(store, new StepHandlerRegistry(Array.Empty<IStepHandler>()), new ExecutorOptions { MaxParallelTargets = 0 }));
    }
}
