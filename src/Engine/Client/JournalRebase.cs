using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Client
{
    /// <summary>
    /// Keeps the targets an interrupted run finished from being run again when the same spec is applied again.
    /// The steps that finished moved the state (nodes registered, prepared, keyed), so the re-plan leaves them out and
    /// its id differs from the journal's; the executor would then start a new journal and run the stopped step again
    /// on every target, also on those that had finished it (found in the lab: a mesh change cut off at one host was
    /// rewritten on all of them). Under the lock only that run changed the state since, so with the same spec the
    /// re-plan is the rest of that run: the stopped step, when the re-plan still has it, keeps the finished targets
    /// that are still among its targets. Completed steps are not carried: a key that comes back in a re-plan may stand for other
    /// work (the mesh written again with other peers), and finished tasks are in the state anyway.
    /// </summary>
    internal static class JournalRebase
    {
        /// <summary>
        /// <paramref name="current"/> with its journal moved onto <paramref name="plan"/> when that plan continues the
        /// interrupted run; otherwise unchanged (the executor then starts a new journal, as before).
        /// </summary>
        public static ClusterState Onto(ClusterState current, Plan plan)
        {
            var journal = current.Journal;
            if (journal is null || journal.PlanId == plan.Id || journal.CompletedTargets.Count == 0) return current;
            if (!SpecIdentity.Same(journal.DesiredSpec, plan.Desired)) return current;

            var carried = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var task in plan.Tasks)
            {
                foreach (var step in task.Steps)
                {
                    var key = task.Id + "/" + step.Name;
                    if (!journal.CompletedTargets.TryGetValue(key, out var finished)) continue;
                    var kept = finished.Where(target => step.Targets.Contains(target)).ToList();
                    if (kept.Count > 0) carried[key] = kept;
                }
            }
            if (carried.Count == 0) return current;

            return current with
            {
                Journal = journal with
                {
                    PlanId = plan.Id,
                    CompletedSteps = new string[0],
                    CompletedTargets = carried,
                },
            };
        }
    }
}
