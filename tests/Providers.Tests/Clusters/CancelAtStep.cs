using MultiCloud.Engine.Execution;

namespace MultiCloud.Providers.Tests.Clusters;

/// <summary>
/// Progress that cancels the run as soon as a chosen kind of step finishes: the run then stops at that step boundary,
/// as a killed process would (with its state saved, since the executor saves after each step).
/// </summary>
public sealed class CancelAtStep : IProgress<EngineEvent>
{
    private readonly Func<EngineEvent, bool> boundary;

    public CancelAtStep(Func<EngineEvent, bool> boundary) => this.boundary = boundary;

    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The boundary the run was stopped at ("task/step"), or null when it never got there.</summary>
    public string? StoppedAfter { get; private set; }

    public List<EngineEvent> Events { get; } = new();

    public void Report(EngineEvent value)
    {
        lock (Events) Events.Add(value);
        if (StoppedAfter is null && value.Kind == EngineEventKind.StepFinished && boundary(value))
        {
            StoppedAfter = value.TaskId + "/" + value.StepName;
            Cancellation.Cancel();
        }
    }
}
