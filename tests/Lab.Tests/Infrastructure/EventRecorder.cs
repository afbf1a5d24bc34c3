using MultiCloud.Engine.Execution;

namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>
/// Keeps every progress event of a run, synchronously and in the order reported (Progress&lt;T&gt; would post them
/// to the thread pool and could lose the order or arrive after the run returned).
/// </summary>
public sealed class EventRecorder : IProgress<EngineEvent>
{
    private readonly List<EngineEvent> events = new();

    public IReadOnlyList<EngineEvent> Events
    {
        get
        {
            lock (events) return events.ToList();
        }
    }

    public void Report(EngineEvent value)
    {
        lock (events) events.Add(value);
    }

    public IReadOnlyList<EngineEvent> OfKind(EngineEventKind kind) => Events.Where(e => e.Kind == kind).ToList();

    /// <summary>Every event as one line each, for failure messages.</summary>
    public override string ToString() =>
        string.Join("\n", Events.Select(e => $"{e.Kind} {e.TaskId}/{e.StepName} [{e.Target}] {e.Message}"));
}
