using System.Management.Automation;
using MultiCloud.Engine.Client;
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

        protected override void ProcessRecordCore()
        {
            var name = Name;
            var spec = RunEngine((client, cancellationToken) => client.EditSpecAsync(ClusterName,
                current => SpecEdits.RemoveLoadBalancer(current, name), cancellationToken));
            var plan = RunEngine((client, cancellationToken) => client.PlanAsync(spec, PlanOptions.Default, cancellationToken));
            if (!ShouldProcessPlan(plan, $"Remove load balancer '{name}' from")) return;

            var result = RunEngine($"Removing load balancer '{name}' from cluster '{ClusterName}'", (client, progress, cancellationToken) =>
                client.ApplyAsync(spec, new ApplyOptions { ExpectedPlanId = plan.Id }, progress, cancellationToken));
            if (PassThru) WriteObject(ClusterInfoOf(result));
        }
    }
}
