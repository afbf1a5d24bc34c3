using System.Management.Automation;
using MultiCloud.Engine.Client;
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
        public string ClusterName { get; set; } = "";

        /// <summary>Pool name pattern; * and ? match any characters.</summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        public string? Name { get; set; }

        protected override void ProcessRecordCore()
        {
            var pattern = Name;
            foreach (var pool in RunEngine((client, cancellationToken) => client.GetNodePoolsAsync(ClusterName, cancellationToken)))
            {
                if (Wildcard.IsMatch(pool.Name, pattern)) WriteObject(pool);
            }
        }
    }
}
