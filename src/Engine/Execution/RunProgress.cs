using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Execution
{
    /// <summary>
    /// Reports a run's events to the front end and its log, with completion measured over every (step, target)
    /// pair of the plan. May be called from several workers at once; each target's events come from one worker,
    /// in order.
    /// </summary>
    internal sealed class RunProgress
    {
        private readonly IEngineLog log;
        private readonly IProgress<EngineEvent>? progress;
        private readonly int totalUnits;
        private int doneUnits;

        public RunProgress(Plan plan, IEngineLog log, IProgress<EngineEvent>? progress)
        {
            this.log = log;
            this.progress = progress;
            totalUnits = plan.Tasks.Sum(task => task.Steps.Sum(step => step.Targets.Count));
        }

        public int PercentComplete
        {
            get
            {
                if (totalUnits == 0)
                {
                    return 0;
                }

                return Math.Min(100, Volatile.Read(ref doneUnits) * 100 / totalUnits);
            }
        }

        /// <summary>Counts (step, target) pairs as done: finished now, or skipped because an earlier run finished them.</summary>
        public void AddDone(int units) => Interlocked.Add(ref doneUnits, units);

        public void Report(
            EngineEventKind kind,
            string message,
            PlanTask? task = null,
            PlanStep? step = null,
            string? target = null,
            TimeSpan? duration = null,
            MultiCloudException? error = null)
        {
            var engineEvent = new EngineEvent
            {
                Kind = kind,
                TaskId = task?.Id,
                StepName = step?.Name,
                Target = target,
                Message = message,
                Duration = duration,
                Error = error,
                PercentComplete = kind == EngineEventKind.RunFinished ? 100 : PercentComplete,
            };

            log.Write(LevelOf(kind), FormatLine(engineEvent));
            progress?.Report(engineEvent);
        }

        /// <summary>A log line that is not an event (targets stopped by cancellation, resumes).</summary>
        public void Log(LogLevel level, string message) => log.Write(level, message);

        private static LogLevel LevelOf(EngineEventKind kind) => kind switch
        {
            EngineEventKind.Warning => LogLevel.Warning,
            EngineEventKind.TargetFailed or EngineEventKind.RunFailed => LogLevel.Error,
            EngineEventKind.TargetStarted or EngineEventKind.TargetFinished or EngineEventKind.StepSkipped or EngineEventKind.TaskSkipped => LogLevel.Verbose,
            _ => LogLevel.Information,
        };

        private static string FormatLine(EngineEvent engineEvent)
        {
            var where = engineEvent.TaskId is null
                ? string.Empty
                : " " + engineEvent.TaskId + (engineEvent.StepName is null ? string.Empty : "/" + engineEvent.StepName);
            var target = engineEvent.Target is null ? string.Empty : " [" + engineEvent.Target + "]";
            var duration = engineEvent.Duration is { } elapsed ? " (" + elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s)" : string.Empty;
            // A warning's level already says what it is; the kind would only repeat it ("WARNING: Warning: …").
            var kind = engineEvent.Kind == EngineEventKind.Warning ? string.Empty : engineEvent.Kind.ToString();
            return $"{kind}{where}{target}: {engineEvent.Message}{duration}".TrimStart(' ', ':').TrimStart();
        }
    }
}
