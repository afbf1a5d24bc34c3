using System.Management.Automation;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Adds a node pool to a cluster and brings the cluster to the new spec (only the new nodes are touched).</summary>
    [Cmdlet(VerbsCommon.Add, "MCNodePool", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = DynamicParameterSet)]
    [OutputType(typeof(NodePoolInfo), typeof(Job))]
    public sealed class AddMCNodePoolCommand : NodePoolParametersCmdlet
    {
        private const string NodePoolParameterSet = "NodePool";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        /// <summary>A pool made by New-MCNodePool.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = NodePoolParameterSet)]
        public NodePoolDefinition? NodePool { get; set; }

        [Parameter]
        public ClusterLayer? Until { get; set; }

        /// <summary>The state folder; without it MULTICLOUD_STATE_DIR, else the per-user default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StateDirectory { get; set; }

        /// <summary>Start the run as a background job after the plan is confirmed; the job is the output.</summary>
        [Parameter]
        public SwitchParameter AsJob { get; set; }

        protected override string? StateDirectoryPath => StateDirectory is null ? null : FileSystemPath(StateDirectory);

        protected override bool RunAsJob => AsJob.IsPresent;

        protected override void ProcessRecordCore()
        {
            var definition = NodePool ?? BuildDefinition();
            var poolName = definition.Pool.Name;
            EditAndRun(ClusterName, current => SpecEdits.AddNodePool(current, definition.Pool, definition.Role, definition.LoadBalancer),
                $"Add node pool '{poolName}' to cluster '{ClusterName}'", Until, force: false, NodePoolAfter(ClusterName, poolName));
        }
    }
}
