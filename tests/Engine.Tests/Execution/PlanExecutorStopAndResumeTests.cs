using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Execution;

public sealed class PlanExecutorStopAndResumeTests
{
    private static Plan FourTargetPlan(string id = "plan-1") => new PlanBuilder()
        .WithId(id)
        .Task("mesh", t => t
            .Step("keys", StepKind.GenerateMeshKeys, "n1", "n2", "n3", "n4")
            .Step("config", StepKind.WriteMeshConfig, "n1", "n2", "n3", "n4")
            .Records("mesh", "fp-mesh"))
        .Task("lb", t => t.Step("lb-config", StepKind.WriteLoadBalancerConfig, "n1"))
        .Build();

    private static IStepHandler[] Handlers(TestCallLog log, Func<Exception>? failConfigOnN3 = null)
    {
        var config = new RecordingTestStepHandler(StepKind.WriteMeshConfig, log);
        if (failConfigOnN3 is not null)
        {
            config.FailOn("n3", failConfigOnN3);
        }

        return new IStepHandler[]
        {
            new RecordingTestStepHandler(StepKind.GenerateMeshKeys, log),
            config,
            new RecordingTestStepHandler(StepKind.WriteLoadBalancerConfig, log),
        };
    }

    private static MultiCloudException SshFailure() =>
        new(ErrorIds.SshCommandFailed, ErrorKind.Failed, "n3: wg-quick exited 1") { Target = "n3" };

    [Fact]
    public async Task RunAsync_TargetFails_SavesWhatFinishedAndStopsBeforeLaterSteps()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var log = new TestCallLog();
        var failure = SshFailure();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => harness.RunAsync(FourTargetPlan(), Handlers(log, () => failure), maxParallelTargets: 1));

        Assert.Same(failure, error);
        Assert.DoesNotContain(log.Calls, call => call.StartsWith("lb/", StringComparison.Ordinal) || call == "mesh/config:n4");
        var onDisk = (await harness.OnDiskAsync())!;
        var journal = onDisk.Journal!;
        Assert.Equal("plan-1", journal.PlanId);
        Assert.Equal(new[] { "mesh/keys" }, journal.CompletedSteps);
        Assert.Equal(new[] { "n1", "n2" }, journal.CompletedTargets["mesh/config"]);
        Assert.Equal("SshCommandFailed: n3: wg-quick exited 1", journal.LastError);
        Assert.Contains(RecordingTestStepHandler.Marker("mesh", "config", "n2"), onDisk.Applied.Keys);
        Assert.DoesNotContain(RecordingTestStepHandler.Marker("mesh", "config", "n3"), onDisk.Applied.Keys);
        Assert.False(onDisk.Applied.ContainsKey("mesh"));
        Assert.Null(onDisk.AppliedSpec);
        var failed = Assert.Single(harness.Events, e => e.Kind == EngineEventKind.TargetFailed);
        Assert.Equal("n3", failed.Target);
        Assert.Same(failure, failed.Error);
        Assert.Equal(EngineEventKind.RunFailed, harness.Events[^1].Kind);
    }

    [Fact]
    public async Task RunAsync_TargetFails_CancelsTheTargetsStillRunning()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var handler = new SlowAndFailingTestStepHandler(StepKind.PrepareNodes, new[] { "slow1", "slow2" }, "bad");
        var plan = new PlanBuilder().Task("prepare", t => t.Step("prepare", StepKind.PrepareNodes, "slow1", "slow2", "bad")).Build();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => harness.RunAsync(plan, new IStepHandler[] { handler }));

        Assert.Equal(ErrorIds.SshCommandFailed, error.ErrorId);
        Assert.Equal(new[] { "slow1", "slow2" }, handler.Canceled.OrderBy(t => t));
        var journal = (await harness.OnDiskAsync())!.Journal!;
        Assert.False(journal.CompletedTargets.ContainsKey("prepare/prepare"));
        Assert.Single(harness.Events, e => e.Kind == EngineEventKind.TargetFailed);
    }

    [Fact]
    public async Task RunAsync_HandlerThrowsOtherException_WrapsItAsStepFailedNamingTaskStepAndTarget()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var log = new TestCallLog();
        var boom = new InvalidOperationException("boom");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => harness.RunAsync(FourTargetPlan(), Handlers(log, () => boom), maxParallelTargets: 1));

        Assert.Equal(ErrorIds.StepFailed, error.ErrorId);
        Assert.Equal("n3", error.Target);
        Assert.Same(boom, error.InnerException);
        Assert.Contains("'config'", error.Message);
        Assert.Contains("'mesh'", error.Message);
        Assert.Contains("n3", error.Message);
        Assert.Contains("boom", error.Message);
        Assert.StartsWith(ErrorIds.StepFailed + ": ", (await harness.OnDiskAsync())!.Journal!.LastError);
    }

    [Fact]
    public async Task RunAsync_SamePlanAfterFailure_SkipsFinishedStepsAndTargetsAndFinishes()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var firstLog = new TestCallLog();
        await Assert.ThrowsAsync<MultiCloudException>(() => harness.RunAsync(FourTargetPlan(), Handlers(firstLog, SshFailure), maxParallelTargets: 1));
        var secondLog = new TestCallLog();

        var result = await harness.RunAsync(FourTargetPlan(), Handlers(secondLog), maxParallelTargets: 1);

        Assert.Equal(new[] { "mesh/config:n3", "mesh/config:n4", "lb/lb-config:n1" }, secondLog.Calls);
        var onDisk = (await harness.OnDiskAsync())!;
        Assert.Null(onDisk.Journal);
        Assert.NotNull(onDisk.AppliedSpec);
        Assert.Equal(result.Serial, onDisk.Serial);
        Assert.Equal("fp-mesh", onDisk.Applied["mesh"]);
        Assert.All(new[] { "n1", "n2", "n3", "n4" }, node =>
            Assert.Contains(RecordingTestStepHandler.Marker("mesh", "config", node), onDisk.Applied.Keys));
        Assert.Contains(harness.Events, e => e.Kind == EngineEventKind.StepSkipped && e.StepName == "keys");
        Assert.DoesNotContain(harness.Events, e => e.Kind == EngineEventKind.Warning);
    }

    [Fact]
    public async Task RunAsync_DifferentPlanAfterFailure_StartsANewJournalAndWarns()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        await Assert.ThrowsAsync<MultiCloudException>(() => harness.RunAsync(FourTargetPlan("plan-1"), Handlers(new TestCallLog(), SshFailure), maxParallelTargets: 1));
        var secondLog = new TestCallLog();
        var handlers = Handlers(secondLog);

        await harness.RunAsync(FourTargetPlan("plan-2"), handlers, maxParallelTargets: 1);

        Assert.Equal(9, secondLog.Calls.Count);
        var warning = Assert.Single(harness.Events, e => e.Kind == EngineEventKind.Warning);
        Assert.Contains("plan-1", warning.Message);
        Assert.Null((await harness.OnDiskAsync())!.Journal);
    }

    [Fact]
    public async Task RunAsync_NewJournal_IsSavedBeforeTheFirstStepRuns()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var journalSeenByStep = new List<string?>();
        var probe = new JournalProbeTestStepHandler(StepKind.GenerateMeshKeys, harness, journalSeenByStep);
        var plan = new PlanBuilder().WithId("plan-9").Task("mesh", t => t.Step("keys", StepKind.GenerateMeshKeys, "n1")).Build();

        await harness.RunAsync(plan, new IStepHandler[] { probe });

        Assert.Equal(new[] { "plan-9" }, journalSeenByStep);
    }

    [Fact]
    public async Task RunAsync_CanceledMidStep_SavesWhatFinishedAndThrowsOperationCanceled()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        using var cancellation = new CancellationTokenSource();
        var log = new TestCallLog();
        var plan = new PlanBuilder()
            .Task("prepare", t => t
                .Step("prepare", StepKind.PrepareNodes, "n1", "n2", "n3")
                .Step("after", StepKind.ApplyNodeMetadata, "n1"))
            .Build();
        var handlers = new IStepHandler[]
        {
            new CancellingTestStepHandler(StepKind.PrepareNodes, cancellation, "n2", log),
            new RecordingTestStepHandler(StepKind.ApplyNodeMetadata, log),
        };

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => harness.RunAsync(plan, handlers, maxParallelTargets: 1, cancellation.Token));

        Assert.Equal(ErrorIds.OperationCanceled, error.ErrorId);
        Assert.Equal(ErrorKind.Canceled, error.Kind);
        Assert.Equal(new[] { "prepare/prepare:n1", "prepare/prepare:n2" }, log.Calls);
        var onDisk = (await harness.OnDiskAsync())!;
        Assert.Equal(new[] { "n1" }, onDisk.Journal!.CompletedTargets["prepare/prepare"]);
        Assert.Empty(onDisk.Journal.CompletedSteps);
        Assert.StartsWith(ErrorIds.OperationCanceled + ": ", onDisk.Journal.LastError);
        Assert.Contains(RecordingTestStepHandler.Marker("prepare", "prepare", "n1"), onDisk.Applied.Keys);
        Assert.Equal(EngineEventKind.RunFailed, harness.Events[^1].Kind);
        Assert.True(onDisk.Journal.Interrupted);
        Assert.Equal("Interrupted", MultiCloud.Engine.Views.ClusterInfo.From(onDisk).Status);
    }

    [Fact]
    public async Task RunAsync_AlreadyCanceled_ThrowsOperationCanceledWithoutRunningAnything()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var log = new TestCallLog();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => harness.RunAsync(FourTargetPlan(), Handlers(log), cancellationToken: new CancellationToken(canceled: true)));

        Assert.Equal(ErrorIds.OperationCanceled, error.ErrorId);
        Assert.Empty(log.Calls);
        Assert.Null(await harness.OnDiskAsync());
    }

    /// <summary>Reads the state on disk from inside a step, to see what the executor saved before running it.</summary>
    private sealed class JournalProbeTestStepHandler(StepKind kind, ExecutorHarness harness, List<string?> seen) : IStepHandler
    {
        public StepKind Kind { get; } = kind;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            seen.Add((await harness.OnDiskAsync())?.Journal?.PlanId);
            return null;
        }
    }
}
