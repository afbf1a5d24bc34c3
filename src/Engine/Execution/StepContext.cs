using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Execution
{
    /// <summary>Everything a step handler may look at: the plan, its task and step, the state as of the step's start, and the run's services.</summary>
    public sealed record StepContext
    {
        public required Plan Plan { get; init; }
        public required PlanTask Task { get; init; }
        public required PlanStep Step { get; init; }

        /// <summary>The state when the step started (including what earlier steps of this run recorded).</summary>
        public required ClusterState State { get; init; }

        public required RunServices Services { get; init; }

        public ClusterSpec Desired => Plan.Desired;
    }
}
