using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Cli.Output
{
    /// <summary>
    /// Shows engine events on stderr. On a terminal: a live status line (percent, task/step, target) plus one line per
    /// finished step. Elsewhere (CI logs, files): one time-stamped line per event worth keeping. Events may come from
    /// worker threads; <see cref="ErrorStream"/> serializes the writing and this class guards its own counters.
    /// </summary>
    public sealed class ProgressPrinter : IProgress<EngineEvent>
    {
        private readonly ErrorStream _error;
        private readonly Func<DateTimeOffset> _clock;
        private readonly object _gate = new object();
        private readonly Dictionary<string, int> _finishedTargets = new Dictionary<string, int>(StringComparer.Ordinal);

        public ProgressPrinter(ErrorStream error, Func<DateTimeOffset>? clock = null)
        {
            _error = error;
            _clock = clock ?? (() => DateTimeOffset.Now);
        }

        public void Report(EngineEvent value)
        {
            lock (_gate)
            {
                var line = Describe(value);
                if (_error.IsInteractive)
                {
                    if (IsMilestone(value.Kind) && line is not null) _error.WriteLine(line);
                    _error.SetStatus(IsEnd(value.Kind) ? "" : StatusOf(value));
                }
                else if (line is not null)
                {
                    _error.WriteLine("[" + _clock().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "] " + line);
                }
            }
        }

        /// <summary>Removes the status line; called when the run is over, however it ended.</summary>
        public void Complete() => _error.ClearStatus();

        private string? Describe(EngineEvent e)
        {
            var step = StepKey(e);
            switch (e.Kind)
            {
                case EngineEventKind.RunStarted: return Join("run started", e.Message);
                case EngineEventKind.RunFinished: return Join("run finished" + In(e.Duration), e.Message);
                case EngineEventKind.RunFailed: return Join("run failed" + In(e.Duration), e.Message);
                case EngineEventKind.TaskStarted: return Join("task " + e.TaskId + " started", e.Message);
                case EngineEventKind.TaskFinished: return "task " + e.TaskId + " finished" + In(e.Duration);
                case EngineEventKind.TaskSkipped: return Join("task " + e.TaskId + " skipped", e.Message);
                case EngineEventKind.StepStarted:
                    _finishedTargets[step] = 0;
                    return Join("step " + step + " started", e.Message);
                case EngineEventKind.StepFinished: return "step " + step + " finished" + OnTargets(step) + In(e.Duration);
                case EngineEventKind.StepSkipped: return Join("step " + step + " skipped", e.Message);
                case EngineEventKind.TargetStarted: return null;
                case EngineEventKind.TargetFinished:
                    _finishedTargets[step] = (_finishedTargets.TryGetValue(step, out var count) ? count : 0) + 1;
                    return "step " + step + " finished on " + e.Target + In(e.Duration);
                case EngineEventKind.TargetFailed: return Join("step " + step + " failed on " + e.Target + In(e.Duration), e.Message);
                case EngineEventKind.Warning: return Join("warning", e.Message);
                default: return Join(e.Kind.ToString(), e.Message);
            }
        }

        private string OnTargets(string step)
        {
            if (!_finishedTargets.TryGetValue(step, out var count) || count == 0) return "";
            _finishedTargets.Remove(step);
            return " on " + count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " target" : " targets");
        }

        private static string StatusOf(EngineEvent e)
        {
            var text = new StringBuilder();
            text.Append('[').Append(e.PercentComplete.ToString(CultureInfo.InvariantCulture).PadLeft(3)).Append("%]");
            if (e.TaskId is not null) text.Append(' ').Append(e.TaskId);
            if (e.StepName is not null) text.Append('/').Append(e.StepName);
            if (e.Target is not null) text.Append(" on ").Append(e.Target);
            if (e.Message.Length > 0) text.Append(e.TaskId is null && e.Target is null ? " " : ": ").Append(e.Message);
            return text.ToString();
        }

        /// <summary>On a terminal, these stay in the scroll-back; the rest only passes through the status line.</summary>
        private static bool IsMilestone(EngineEventKind kind) =>
            kind is EngineEventKind.StepFinished or EngineEventKind.StepSkipped or EngineEventKind.TaskSkipped
                or EngineEventKind.TargetFailed or EngineEventKind.Warning or EngineEventKind.RunFinished or EngineEventKind.RunFailed;

        private static bool IsEnd(EngineEventKind kind) => kind is EngineEventKind.RunFinished or EngineEventKind.RunFailed;

        private static string StepKey(EngineEvent e) => (e.TaskId ?? "") + "/" + (e.StepName ?? "");

        private static string In(TimeSpan? duration) => duration is null ? "" : " in " + Durations.Format(duration.Value);

        private static string Join(string head, string message) => message.Length == 0 ? head : head + ": " + message;
    }
}
