using System.Management.Automation;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Lists clusters from the state folder, with their status (Ready, New, Interrupted, Failed).</summary>
    [Cmdlet(VerbsCommon.Get, "MCCluster")]
    [OutputType(typeof(ClusterInfo))]
    public sealed class GetMCClusterCommand : ClusterStateCmdlet
    {
        /// <summary>Name pattern; * and ? match any characters. A name without wildcards that matches nothing is an error.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override void ProcessRecordCore()
        {
            var pattern = Name;
            foreach (var state in RunEngine((client, cancellationToken) => client.GetClustersAsync(pattern, cancellationToken)))
            {
                WriteObject(ClusterInfo.From(state));
            }
        }
    }
}
