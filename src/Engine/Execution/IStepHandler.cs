using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Execution
{
    /// <summary>A change to the observed state that a step made true; applied by the executor, never by the step.</summary>
    public delegate ClusterState StateUpdate(ClusterState state);

    /// <summary>
    /// Carries out one kind of step on one target. Must be idempotent: running it again on a target where it
    /// already succeeded changes nothing. Returns the state change it made true, or null.
    /// </summary>
    public interface IStepHandler
    {
        Planning.StepKind Kind { get; }

        Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken);
    }

    /// <summary>
    /// A handler whose targets make things that cost money or leak when forgotten (cloud machines): the executor saves
    /// the state after each of its targets finishes, not only when the step ends.
    /// </summary>
    public interface IRecordsEachTarget
    {
    }
}
