using System.Management.Automation;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Removes a node pool: drains its nodes, takes them out of Kubernetes and the mesh, then deletes them.</summary>
    [Cmdlet(VerbsCommon.Remove, "MCNodePool", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClusterInfo))]
    public sealed class RemoveMCNodePoolCommand : ClusterStateCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ClusterName { get; set; } = "";

        /// <summary>The pool; binds from the Name of a NodePoolInfo (Get-MCNodePool | Remove-MCNodePool).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>Write the cluster afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Plan and apply only up to this layer (static clusters before Kubernetes arrives: LoadBalancers).</summary>
        [Parameter]
        public ClusterLayer? Until { get; set; }

        protected override void ProcessRecordCore()
        {
            var poolName = Name;
            var result = ApplyEdit(ClusterName, current => SpecEdits.RemoveNodePool(current, poolName),
                Until, $"Remove node pool '{poolName}' from", $"Removing node pool '{poolName}' from cluster '{ClusterName}'");
            if (result is not null && PassThru) WriteObject(ClusterInfoOf(result));
        }
    }
}
