using System.Management.Automation;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Brings a cluster to its spec again: resumes an interrupted or failed run where it stopped, or repairs what
    /// state says is missing. Shows the plan first.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "MCCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClusterInfo), typeof(Job))]
    public sealed class SyncMCClusterCommand : ClusterRunCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        /// <summary>Go only up to and including this layer.</summary>
        [Parameter]
        public ClusterLayer? Until { get; set; }

        protected override void ProcessRecordCore()
        {
            var name = ClusterName;
            var planOptions = PlanOptionsFor(Until);
            var run = RunEngine((client, cancellationToken) => client.PlanSyncAsync(name, planOptions, cancellationToken));
            ConfirmAndRun(run, force: false, ClusterAfter);
        }
    }
}
