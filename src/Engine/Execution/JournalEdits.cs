using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Execution
{
    /// <summary>The changes a run makes to its (immutable) journal.</summary>
    internal static class JournalEdits
    {
        public static string StepKey(string taskId, string stepName) => taskId + "/" + stepName;

        public static bool IsStepCompleted(this JournalState journal, string stepKey) =>
            journal.CompletedSteps.Contains(stepKey);

        public static IReadOnlyList<string> CompletedTargetsOf(this JournalState journal, string stepKey) =>
            journal.CompletedTargets.TryGetValue(stepKey, out var targets) ? targets : new string[0];

        /// <summary>Marks a step finished on every target; a step that finishes also clears the error of an earlier stop.</summary>
        public static JournalState WithStepCompleted(this JournalState journal, string stepKey) => journal with
        {
            CompletedSteps = journal.IsStepCompleted(stepKey) ? journal.CompletedSteps : journal.CompletedSteps.Concat(new[] { stepKey }).ToList(),
            CompletedTargets = Without(journal.CompletedTargets, stepKey),
            LastError = null,
            StoppedStep = null,
            Interrupted = false,
        };

        /// <summary>Records the targets a stopped step finished on, and why it stopped.</summary>
        public static JournalState WithStop(this JournalState journal, string stepKey, IReadOnlyList<string> completedTargets, MultiCloudException error)
        {
            var targets = Without(journal.CompletedTargets, stepKey);
            if (completedTargets.Count > 0)
            {
                targets[stepKey] = completedTargets;
            }

            return journal with
            {
                CompletedTargets = targets,
                LastError = error.ErrorId + ": " + error.Message,
                StoppedStep = stepKey,
                Interrupted = error.Kind == ErrorKind.Canceled,
            };
        }

        /// <summary>Records the targets a running step has finished so far (saved while it runs on).</summary>
        public static JournalState WithTargetsDone(this JournalState journal, string stepKey, IReadOnlyList<string> finishedTargets)
        {
            var targets = Without(journal.CompletedTargets, stepKey);
            if (finishedTargets.Count > 0)
            {
                targets[stepKey] = finishedTargets;
            }

            return journal with { CompletedTargets = targets };
        }

        private static Dictionary<string, IReadOnlyList<string>> Without(IReadOnlyDictionary<string, IReadOnlyList<string>> targets, string stepKey)
        {
            var copy = new Dictionary<string, IReadOnlyList<string>>(System.StringComparer.Ordinal);
            foreach (var entry in targets)
            {
                if (entry.Key != stepKey)
                {
                    copy[entry.Key] = entry.Value;
                }
            }

            return copy;
        }
    }
}
