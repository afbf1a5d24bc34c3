using System.Globalization;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Bench.Mesh;

/// <summary>How long each plan task of a run took, from the engine's TaskFinished events, in plan order.</summary>
internal sealed class TaskTimes : IProgress<EngineEvent>
{
    private readonly List<(string Task, TimeSpan Duration)> finished = new();

    public void Report(EngineEvent value)
    {
        if (value.Kind != EngineEventKind.TaskFinished || value.TaskId is null || value.Duration is null) return;
        lock (finished) finished.Add((value.TaskId, value.Duration.Value));
    }

    public override string ToString()
    {
        lock (finished)
        {
            return finished.Count == 0
                ? "no tasks"
                : string.Join(", ", finished.Select(t => t.Task + " " + t.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
        }
    }
}
