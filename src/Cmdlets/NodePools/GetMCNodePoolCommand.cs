using System.Management.Automation;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Lists the node pools of a cluster with their role, size and how many nodes exist.</summary>
    [Cmdlet(VerbsCommon.Get, "MCNodePool")]
    [OutputType(typeof(NodePoolInfo))]
    public sealed class GetMCNodePoolCommand : ClusterStateCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        /// <summary>Pool names or patterns; * and ? match any characters. A name without wildcards that matches nothing is an error.</summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NodePoolNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecordCore()
        {
            var clusterName = ClusterName;
            var patterns = Name;
            WriteSelection(RunEngine((client, cancellationToken) => client.SelectNodePoolsAsync(clusterName, patterns, cancellationToken)));
        }
    }
}
