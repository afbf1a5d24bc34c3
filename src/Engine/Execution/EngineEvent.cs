using System;

namespace MultiCloud.Engine.Execution
{
    public enum EngineEventKind
    {
        RunStarted,
        RunFinished,
        RunFailed,
        TaskStarted,
        TaskFinished,
        TaskSkipped,
        StepStarted,
        StepFinished,
        StepSkipped,
        TargetStarted,
        TargetFinished,
        TargetFailed,
        Warning,
    }

    /// <summary>Progress of a run, delivered in order to the front end (Write-Progress, terminal lines).</summary>
    public sealed record EngineEvent
    {
        public required EngineEventKind Kind { get; init; }
        public string? TaskId { get; init; }
        public string? StepName { get; init; }
        public string? Target { get; init; }
        public required string Message { get; init; }

        /// <summary>Set on the *Finished and *Failed events.</summary>
        public TimeSpan? Duration { get; init; }

        /// <summary>Overall completion of the run, 0–100.</summary>
        public int PercentComplete { get; init; }

        /// <summary>The failure, on *Failed events.</summary>
        public MultiCloudException? Error { get; init; }
    }
}
