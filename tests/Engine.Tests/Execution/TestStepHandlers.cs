using System.Collections.Concurrent;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Tests.Execution;

/// <summary>Calls made to test handlers, in the order they started, as "taskId/step:target".</summary>
internal sealed class TestCallLog
{
    private readonly ConcurrentQueue<string> calls = new();

    public IReadOnlyList<string> Calls => calls.ToList();

    public void Add(StepContext context, string target) => calls.Enqueue($"{context.Task.Id}/{context.Step.Name}:{target}");
}

/// <summary>
/// Records each call and returns an update that marks the target done in ClusterState.Applied
/// ("ran:taskId/step:target"); throws for the targets it is told to fail on.
/// </summary>
internal sealed class RecordingTestStepHandler : IStepHandler
{
    private readonly TestCallLog log;
    private readonly Dictionary<string, Func<Exception>> failures = new();

    public RecordingTestStepHandler(StepKind kind, TestCallLog log)
    {
        Kind = kind;
        this.log = log;
    }

    public StepKind Kind { get; }

    /// <summary>The Applied keys each call saw in its StepContext.State.</summary>
    public ConcurrentDictionary<string, IReadOnlyCollection<string>> SeenAppliedKeys { get; } = new();

    public RecordingTestStepHandler FailOn(string target, Func<Exception> error)
    {
        failures[target] = error;
        return this;
    }

    public static string Marker(string taskId, string step, string target) => $"ran:{taskId}/{step}:{target}";

    public Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
    {
        log.Add(context, target);
        SeenAppliedKeys[$"{context.Task.Id}/{context.Step.Name}:{target}"] = context.State.Applied.Keys.ToList();
        if (failures.TryGetValue(target, out var error))
        {
            throw error();
        }

        var marker = Marker(context.Task.Id, context.Step.Name, target);
        StateUpdate update = state => state with { Applied = new Dictionary<string, string>(state.Applied) { [marker] = "yes" } };
        return Task.FromResult<StateUpdate?>(update);
    }
}

/// <summary>Counts how many of its calls run at the same time.</summary>
internal sealed class ConcurrencyCountingTestStepHandler : IStepHandler
{
    private readonly object gate = new();
    private int running;
    private int maximum;

    public ConcurrencyCountingTestStepHandler(StepKind kind) => Kind = kind;

    public StepKind Kind { get; }

    public int MaximumConcurrency
    {
        get { lock (gate) { return maximum; } }
    }

    public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            running++;
            maximum = Math.Max(maximum, running);
        }

        await Task.Delay(30, cancellationToken);
        lock (gate)
        {
            running--;
        }

        return null;
    }
}

/// <summary>Finishes the targets it is not told about; waits on the token for "slow" targets and fails on "bad" ones.</summary>
internal sealed class SlowAndFailingTestStepHandler : IStepHandler
{
    private readonly TaskCompletionSource slowTargetsStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> slow;
    private readonly string bad;
    private int slowStarted;

    public SlowAndFailingTestStepHandler(StepKind kind, IEnumerable<string> slowTargets, string badTarget)
    {
        Kind = kind;
        slow = new HashSet<string>(slowTargets);
        bad = badTarget;
    }

    public StepKind Kind { get; }

    public ConcurrentBag<string> Canceled { get; } = new();

    public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
    {
        if (slow.Contains(target))
        {
            if (Interlocked.Increment(ref slowStarted) == slow.Count)
            {
                slowTargetsStarted.SetResult();
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Canceled.Add(target);
                throw;
            }
        }

        if (target == bad)
        {
            await slowTargetsStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
            throw new MultiCloudException(ErrorIds.SshCommandFailed, ErrorKind.Failed, $"{target}: exit 1");
        }

        return null;
    }
}

/// <summary>Cancels the run's token when it reaches one target, then waits for the cancellation like a real handler would.</summary>
internal sealed class CancellingTestStepHandler : IStepHandler
{
    private readonly CancellationTokenSource run;
    private readonly string cancelAt;
    private readonly TestCallLog log;

    public CancellingTestStepHandler(StepKind kind, CancellationTokenSource run, string cancelAt, TestCallLog log)
    {
        Kind = kind;
        this.run = run;
        this.cancelAt = cancelAt;
        this.log = log;
    }

    public StepKind Kind { get; }

    public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
    {
        log.Add(context, target);
        if (target == cancelAt)
        {
            run.Cancel();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var marker = RecordingTestStepHandler.Marker(context.Task.Id, context.Step.Name, target);
        return state => state with { Applied = new Dictionary<string, string>(state.Applied) { [marker] = "yes" } };
    }
}
