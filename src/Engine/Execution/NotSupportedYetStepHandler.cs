using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Execution
{
    /// <summary>Stands in for a step kind whose real handler is not written yet; fails naming the step and the capability it comes with.</summary>
    internal sealed class NotSupportedYetStepHandler : IStepHandler
    {
        public NotSupportedYetStepHandler(StepKind kind) => Kind = kind;

        public StepKind Kind { get; }

        public Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken) =>
            throw MultiCloudException.NotSupportedYet($"{context.Step.Description} (arrives with {CapabilityOf(Kind)})");

        /// <summary>The roadmap capability (docs: PRODUCT.md) that brings each kind of step.</summary>
        internal static string CapabilityOf(StepKind kind) => kind switch
        {
            StepKind.RegisterStaticNodes or StepKind.PrepareNodes or StepKind.ReleaseStaticNodes => "real nodes over SSH",
            StepKind.GenerateMeshKeys or StepKind.WriteMeshConfig => "the WireGuard mesh",
            StepKind.WriteLoadBalancerConfig => "load-balancer nodes",
            StepKind.EnsureNetwork or StepKind.CreateVirtualMachines or StepKind.DeleteVirtualMachines or StepKind.DeleteNetwork => "cloud node pools",
            StepKind.UpdateDnsRecords or StepKind.DeleteDnsRecords => "DNS providers",
            StepKind.PrepareKubernetesNodes or StepKind.StartEtcd or StepKind.AddEtcdMember or StepKind.InitControlPlane
                or StepKind.JoinControlPlane or StepKind.JoinWorkers or StepKind.ApplyNodeMetadata or StepKind.DrainNodes
                or StepKind.RemoveEtcdMembers or StepKind.DeleteKubernetesNodes or StepKind.ResetKubernetesNodes => "Kubernetes on the mesh",
            StepKind.InstallLonghorn => "Longhorn storage",
            _ => "day-2 operations",
        };
    }
}
