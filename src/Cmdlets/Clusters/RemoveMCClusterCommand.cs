using System.Management.Automation;

namespace MultiCloud.Cmdlets
{
    /// <summary>Deletes every node and resource of a cluster, then its state. Shows the plan first; writes nothing.</summary>
    [Cmdlet(VerbsCommon.Remove, "MCCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveMCClusterCommand : ClusterStateCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        protected override void ProcessRecordCore()
        {
            var name = Name;
            var plan = RunEngine((client, cancellationToken) => client.PlanDestroyAsync(name, cancellationToken));
            if (!ShouldProcessPlan(plan, "Remove")) return;

            RunEngine($"Removing cluster '{name}'", (client, progress, cancellationToken) =>
                client.DestroyAsync(name, plan.Id, progress, cancellationToken));
        }
    }
}
