using System.Management.Automation;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Brings a cluster to its spec again: resumes an interrupted or failed run where it stopped, or repairs what
    /// state says is missing and what a refresh of its hosts found drifted. Shows the plan first.
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

        /// <summary>Trust the state alone: check no host first (a refresh costs one SSH round trip per host).</summary>
        [Parameter]
        public SwitchParameter NoRefresh { get; set; }

        protected override void ProcessRecordCore()
        {
            var name = ClusterName;
            var planOptions = PlanOptionsFor(Until);
            var refresh = RefreshFor(NoRefresh);
            var run = RunEngine((client, cancellationToken) => client.PlanSyncAsync(name, planOptions, refresh, cancellationToken));
            ConfirmAndRun(run, force: false, ClusterAfter);
        }
    }
}
