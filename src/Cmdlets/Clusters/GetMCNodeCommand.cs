using System.Management.Automation;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Lists the nodes of a cluster with their addresses and how far each has come (prepared, joined).</summary>
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

        protected override void ProcessRecordCore()
        {
            var clusterName = ClusterName;
            var patterns = Name;
            WriteSelection(RunEngine((client, cancellationToken) => client.SelectNodesAsync(clusterName, patterns, cancellationToken)));
        }
    }
}
