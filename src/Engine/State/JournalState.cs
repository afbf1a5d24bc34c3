using System;
using System.Collections.Generic;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// The record of a run: which plan, what it was driving towards, and which steps (and which targets of the
    /// step in progress) have finished. A re-run with the same plan skips what is recorded here.
    /// </summary>
    public sealed record JournalState
    {
        /// <summary>Identity of the plan (a hash of its content); a re-plan that yields the same id resumes.</summary>
        public required string PlanId { get; init; }

        /// <summary>The spec this run is applying; lets Sync-MCCluster resume without the manifest.</summary>
        public required ClusterSpec DesiredSpec { get; init; }

        public DateTimeOffset StartedAt { get; init; }

        /// <summary>Keys ("taskId/stepName") of steps that finished on every target.</summary>
        public IReadOnlyList<string> CompletedSteps { get; init; } = new string[0];

        /// <summary>For steps that stopped part-way: step key → targets that finished.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> CompletedTargets { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

        /// <summary>Why the run stopped, if it did (error id and message, secrets already scrubbed).</summary>
        public string? LastError { get; init; }

        /// <summary>
        /// The step ("taskId/stepName") the run stopped in, when it stopped with an error or was cancelled: it may have
        /// made things in a cloud it never recorded. Null while a run is in flight, so a run that was killed outright
        /// (nothing recorded why) is told apart from one that stopped where the journal says.
        /// </summary>
        public string? StoppedStep { get; init; }

        /// <summary>
        /// True when the run was stopped (Ctrl+C, a stopped job, a cancelled token) rather than failed: the cluster is
        /// Interrupted, not Failed, and a re-run resumes it.
        /// </summary>
        public bool Interrupted { get; init; }
    }
}
