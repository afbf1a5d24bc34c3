using System.Management.Automation;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Lists the nodes of a cluster with their addresses, how far each has come, and what a refresh sees there now.</summary>
    [Cmdlet(VerbsCommon.Get, "MCNode")]
    [OutputType(typeof(NodeInfo))]
    public sealed class GetMCNodeCommand : ClusterStateCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        /// <summary>Node names or patterns; * and ? match any characters. A name without wildcards that matches nothing is an error.</summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NodeNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Trust the state alone: check no host first (a refresh costs one SSH round trip per host).</summary>
        [Parameter]
        public SwitchParameter NoRefresh { get; set; }

        protected override void ProcessRecordCore()
        {
            var clusterName = ClusterName;
            var patterns = Name;
            var refresh = RefreshFor(NoRefresh);
            WriteSelection(RunEngine((client, cancellationToken) => client.SelectNodesAsync(clusterName, patterns, refresh, cancellationToken)));
        }
    }
}
