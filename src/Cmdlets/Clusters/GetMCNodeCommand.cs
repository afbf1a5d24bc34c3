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
        public string ClusterName { get; set; } = "";

        /// <summary>Node name pattern; * and ? match any characters.</summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        public string? Name { get; set; }

        protected override void ProcessRecordCore()
        {
            var clusterName = ClusterName;
            var pattern = Name;
            WriteObject(RunEngine((client, cancellationToken) => client.GetNodesAsync(clusterName, pattern, cancellationToken)), enumerateCollection: true);
        }
    }
}
