using System.Management.Automation;
using System.Threading.Tasks;

namespace MultiCloud.Cmdlets
{
    /// <summary>Deletes every node and resource of a cluster, then its state. Shows the plan and asks first (-Force does not ask).</summary>
    [Cmdlet(VerbsCommon.Remove, "MCCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Job))]
    public sealed class RemoveMCClusterCommand : ClusterRunCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>Delete without asking (-WhatIf still only shows the plan).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecordCore()
        {
            var name = Name;
            var run = RunEngine((client, cancellationToken) => client.PlanDeleteAsync(name, cancellationToken));
            ConfirmAndRun(run, Force, (_, _, _) => Task.FromResult<object?>(null));
        }
    }
}
