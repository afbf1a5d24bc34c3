using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Execution;

/// <summary>The executor makes the cluster's id before any step and saves after each target of handlers that record each target.</summary>
public sealed class ClusterIdAndTargetSavesTests
{
    private static Plan CloudPlan() => new PlanBuilder()
        .Task("infra/lb", t => t.Step("create-vms", StepKind.CreateVirtualMachines, "lb-1", "lb-2", "lb-3"))
        .Build();

    [Fact]
    public async Task RunAsync_StateWithoutId_SavesANewIdBeforeTheFirstStepRuns()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        string? seen = null;
        var handler = new ProbeHandler(StepKind.CreateVirtualMachines, async (_, _) => seen = (await harness.OnDiskAsync())?.Id);

        var result = await harness.RunAsync(CloudPlan(), new IStepHandler[] { handler });

        Assert.Matches("^[0-9a-f]{24}$", seen);
        Assert.Equal(seen, result.Id);
    }

    [Fact]
    public async Task RunAsync_StateWithId_KeepsIt()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        await harness.SeedAsync(new ClusterState { Name = harness.ClusterName, Id = "0123456789abcdef01234567" });

        var result = await harness.RunAsync(CloudPlan(), new IStepHandler[] { new ProbeHandler(StepKind.CreateVirtualMachines, (_, _) => Task.CompletedTask) });

        Assert.Equal("0123456789abcdef01234567", result.Id);
    }

    [Fact]
    public async Task RunAsync_HandlerThatRecordsEachTarget_FindsEarlierTargetsSavedWhileTheStepRuns()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var seenOnDisk = new List<IReadOnlyList<string>>();
        var handler = new RecordingEachTarget(async target =>
        {
            var onDisk = await harness.OnDiskAsync();
            lock (seenOnDisk) seenOnDisk.Add(onDisk!.Applied.Keys.Where(k => k.StartsWith("made:", StringComparison.Ordinal)).OrderBy(k => k).ToList());
        });

        await harness.RunAsync(CloudPlan(), new IStepHandler[] { handler }, maxParallelTargets: 1);

        Assert.Equal(new[] { Array.Empty<string>(), new[] { "made:lb-1" }, new[] { "made:lb-1", "made:lb-2" } }, seenOnDisk);
    }

    [Fact]
    public async Task RunAsync_HandlerThatRecordsEachTarget_KeepsTheFinishedTargetsInTheJournalWhenALaterOneFails()
    {
        await using var harness = await ExecutorHarness.CreateAsync();
        var handler = new RecordingEachTarget(target => target == "lb-3" ? throw new InvalidOperationException("quota") : Task.CompletedTask);

        await Assert.ThrowsAsync<MultiCloudException>(() => harness.RunAsync(CloudPlan(), new IStepHandler[] { handler }, maxParallelTargets: 1));

        var onDisk = await harness.OnDiskAsync();
        Assert.Equal(new[] { "lb-1", "lb-2" }, onDisk!.Journal!.CompletedTargets["infra/lb/create-vms"]);
        Assert.Equal(new[] { "made:lb-1", "made:lb-2" }, onDisk.Applied.Keys.Where(k => k.StartsWith("made:", StringComparison.Ordinal)).OrderBy(k => k));
    }

    private sealed class ProbeHandler(StepKind kind, Func<StepContext, string, Task> probe) : IStepHandler
    {
        public StepKind Kind => kind;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            await probe(context, target);
            return null;
        }
    }

    /// <summary>A cloud-like handler: each target records "made:&lt;target&gt;" and is saved on its own.</summary>
    private sealed class RecordingEachTarget(Func<string, Task> before) : IStepHandler, IRecordsEachTarget
    {
        public StepKind Kind => StepKind.CreateVirtualMachines;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            await before(target);
            return state => state with { Applied = new Dictionary<string, string>(state.Applied) { ["made:" + target] = "yes" } };
        }
    }
}
