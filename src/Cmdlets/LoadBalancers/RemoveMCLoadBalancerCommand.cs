using System.Management.Automation;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Removes a load balancer with its node pools and DNS record.</summary>
    [Cmdlet(VerbsCommon.Remove, "MCLoadBalancer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClusterInfo), typeof(Job))]
    public sealed class RemoveMCLoadBalancerCommand : ClusterRunCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LoadBalancerNameCompleter))]
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
            var name = Name;
            EditAndRun(ClusterName, current => SpecEdits.RemoveLoadBalancer(current, name),
                $"Remove load balancer '{name}' from cluster '{ClusterName}'", Until, Force, ClusterAfterIf(PassThru));
        }
    }
}
