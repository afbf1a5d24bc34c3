using System.Management.Automation;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Lists clusters from the state folder, with their status (Ready, New, Interrupted, Failed).</summary>
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

        protected override void ProcessRecordCore()
        {
            var patterns = Name;
            var selection = RunEngine((client, cancellationToken) => client.SelectClustersAsync(patterns, cancellationToken));
            foreach (var state in selection.Items) WriteObject(ClusterInfo.From(state));
            foreach (var missing in selection.NotFound) WriteError(ErrorRecords.From(missing));
        }
    }
}
