using System.Management.Automation;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Lists clusters from the state folder as a refresh of their hosts sees them now: status (Ready, Degraded, Unverified,
    /// New, Interrupted, Failed), per-layer health and problems.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MCCluster")]
    [OutputType(typeof(ClusterInfo))]
    public sealed class GetMCClusterCommand : ClusterStateCmdlet
    {
        /// <summary>Names or patterns; * and ? match any characters. A name without wildcards that matches nothing is an error.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Trust the state alone: check no host first (a refresh costs one SSH round trip per host).</summary>
        [Parameter]
        public SwitchParameter NoRefresh { get; set; }

        protected override void ProcessRecordCore()
        {
            var patterns = Name;
            var refresh = RefreshFor(NoRefresh);
            var selection = RunEngine((client, cancellationToken) => client.SelectStatusesAsync(patterns, refresh, cancellationToken));
            foreach (var status in selection.Items) WriteObject(status.Cluster);
            foreach (var missing in selection.NotFound) WriteError(ErrorRecords.From(missing));
        }
    }
}
