using System;
using System.Collections.Generic;
using System.Management.Automation;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Turns the engine's events of one run into progress records: the run as the top activity, the task in progress
    /// as its child and the step in progress as the task's child. Activities stay short (the run's action, the task's
    /// id, the step's name); what they do and which host is at work is the status. The run completes once. Each record
    /// handed out is a copy: hosts and jobs keep the records they are given, so later changes must not reach them.
    /// </summary>
    internal sealed class ProgressView
    {
        private const int RunActivityId = 1;
        private const int TaskActivityId = 2;
        private const int StepActivityId = 3;

        private readonly ProgressRecord _run;
        private ProgressRecord? _task;
        private ProgressRecord? _step;
        private bool _completed;

        public ProgressView(string activity)
        {
            _run = new ProgressRecord(RunActivityId, activity, "planning") { PercentComplete = 0 };
        }

        /// <summary>The records an event changes, in the order they are to be written.</summary>
        public IEnumerable<ProgressRecord> Update(EngineEvent engineEvent) => Snapshots(Changes(engineEvent));

        /// <summary>Completed records for every activity still open, innermost first; nothing once the run completed.</summary>
        public IReadOnlyList<ProgressRecord> CompleteAll() => Snapshots(Completion());

        private List<ProgressRecord> Changes(EngineEvent engineEvent)
        {
            var records = new List<ProgressRecord>();
            if (_completed) return records;
            _run.PercentComplete = Math.Max(0, Math.Min(100, engineEvent.PercentComplete));
            switch (engineEvent.Kind)
            {
                case EngineEventKind.RunStarted:
                    _run.StatusDescription = NotEmpty(engineEvent.Message, "running");
                    break;
                case EngineEventKind.TaskStarted:
                    CloseStep(records);
                    CloseTask(records);
                    _task = new ProgressRecord(TaskActivityId, NotEmpty(engineEvent.TaskId, "task"), NotEmpty(engineEvent.Message, "starting")) { ParentActivityId = RunActivityId };
                    _run.StatusDescription = "task " + _task.Activity;
                    records.Add(_task);
                    break;
                case EngineEventKind.StepStarted:
                    CloseStep(records);
                    _step = new ProgressRecord(StepActivityId, NotEmpty(engineEvent.StepName, "step"), NotEmpty(engineEvent.Message, "starting")) { ParentActivityId = TaskActivityId };
                    records.Add(_step);
                    break;
                case EngineEventKind.TargetStarted:
                case EngineEventKind.TargetFinished:
                case EngineEventKind.TargetFailed:
                    var current = _step ?? _task;
                    if (current != null)
                    {
                        var message = NotEmpty(engineEvent.Message, engineEvent.Kind.ToString());
                        current.StatusDescription = string.IsNullOrEmpty(engineEvent.Target) ? message : engineEvent.Target + ": " + message;
                        records.Add(current);
                    }
                    break;
                case EngineEventKind.StepFinished:
                case EngineEventKind.StepSkipped:
                    CloseStep(records);
                    break;
                case EngineEventKind.TaskFinished:
                case EngineEventKind.TaskSkipped:
                    CloseStep(records);
                    CloseTask(records);
                    break;
                case EngineEventKind.RunFinished:
                case EngineEventKind.RunFailed:
                    return Completion();
            }
            records.Insert(0, _run);
            return records;
        }

        private List<ProgressRecord> Completion()
        {
            var records = new List<ProgressRecord>();
            if (_completed) return records;
            CloseStep(records);
            CloseTask(records);
            _run.RecordType = ProgressRecordType.Completed;
            records.Add(_run);
            _completed = true;
            return records;
        }

        private void CloseStep(List<ProgressRecord> records)
        {
            if (_step is null) return;
            _step.RecordType = ProgressRecordType.Completed;
            records.Add(_step);
            _step = null;
        }

        private void CloseTask(List<ProgressRecord> records)
        {
            if (_task is null) return;
            _task.RecordType = ProgressRecordType.Completed;
            records.Add(_task);
            _task = null;
        }

        private static IReadOnlyList<ProgressRecord> Snapshots(List<ProgressRecord> records) =>
            records.ConvertAll(record => new ProgressRecord(record.ActivityId, record.Activity, record.StatusDescription)
            {
                ParentActivityId = record.ParentActivityId,
                PercentComplete = record.PercentComplete,
                RecordType = record.RecordType,
                CurrentOperation = record.CurrentOperation,
            });

        // ProgressRecord refuses empty activity and status text.
        private static string NotEmpty(string? text, string? fallback) =>
            !string.IsNullOrEmpty(text) ? text! : !string.IsNullOrEmpty(fallback) ? fallback! : "working";
    }
}
