using System.Management.Automation;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Removes a load balancer with its node pools and DNS record.</summary>
    [Cmdlet(VerbsCommon.Remove, "MCLoadBalancer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClusterInfo))]
    public sealed class RemoveMCLoadBalancerCommand : ClusterStateCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ClusterName { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
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
            var name = Name;
            var result = ApplyEdit(ClusterName, current => SpecEdits.RemoveLoadBalancer(current, name),
                Until, $"Remove load balancer '{name}' from", $"Removing load balancer '{name}' from cluster '{ClusterName}'");
            if (result is not null && PassThru) WriteObject(ClusterInfoOf(result));
        }
    }
}
