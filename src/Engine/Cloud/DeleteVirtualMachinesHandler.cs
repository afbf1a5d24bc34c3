using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// Deletes one node's machine and what was made for it. The provider finds it by the cluster's tag and the node's
    /// deterministic name, so a machine the state lost track of goes as well; one already gone is success.
    /// </summary>
    public sealed class DeleteVirtualMachinesHandler : IStepHandler, IRecordsEachTarget
    {
        public StepKind Kind => StepKind.DeleteVirtualMachines;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var node = NodeAccess.RegisteredNode(context, target);
            var pool = CloudSpecs.DynamicPool(context, node.Pool);
            var provider = CloudSpecs.Provider(context, pool.Provider);
            await CloudSpecs.Session(context).Machines(provider).DeleteMachineAsync(CloudSpecs.Identity(context), target, cancellationToken).ConfigureAwait(false);
            return NodeStateUpdates.Remove(target);
        }
    }
}
