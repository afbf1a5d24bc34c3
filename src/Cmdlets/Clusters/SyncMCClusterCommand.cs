using System.Management.Automation;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Brings a cluster to its spec again: resumes an interrupted or failed run where it stopped, or repairs what
    /// state says is missing. Shows the plan first.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "MCCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClusterInfo))]
    public sealed class SyncMCClusterCommand : ClusterStateCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
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
            var spec = RunEngine((client, cancellationToken) => client.GetSpecAsync(name, cancellationToken));
            var plan = RunEngine((client, cancellationToken) => client.PlanAsync(spec, planOptions, RefreshFor(NoRefresh), cancellationToken));
            if (!ShouldProcessPlan(plan, "Sync")) return;

            var options = ApplyOptions.Confirmed(plan, planOptions);
            var result = RunEngine($"Syncing cluster '{name}'", (client, progress, cancellationToken) =>
                client.SyncAsync(name, options, progress, cancellationToken));
            WriteObject(ClusterInfoOf(result));
        }
    }
}
