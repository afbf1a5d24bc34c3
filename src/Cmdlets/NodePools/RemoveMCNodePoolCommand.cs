using System.Management.Automation;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Removes a node pool: drains its nodes, takes them out of Kubernetes and the mesh, then deletes them.</summary>
    [Cmdlet(VerbsCommon.Remove, "MCNodePool", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClusterInfo), typeof(Job))]
    public sealed class RemoveMCNodePoolCommand : ClusterRunCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        /// <summary>The pool; binds from the Name of a NodePoolInfo (Get-MCNodePool | Remove-MCNodePool).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NodePoolNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>Write the cluster afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Remove without asking (-WhatIf still only shows the plan).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Plan and apply only up to this layer (static clusters before Kubernetes arrives: LoadBalancers).</summary>
        [Parameter]
        public ClusterLayer? Until { get; set; }

        protected override void ProcessRecordCore()
        {
            var poolName = Name;
            EditAndRun(ClusterName, current => SpecEdits.RemoveNodePool(current, poolName),
                $"Remove node pool '{poolName}' from cluster '{ClusterName}'", Until, Force, ClusterAfterIf(PassThru));
        }
    }
}
