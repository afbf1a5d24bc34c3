using System.Management.Automation;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>Resizes a dynamic node pool: a fixed count, or autoscaler bounds (one replaces the other).</summary>
    [Cmdlet(VerbsCommon.Set, "MCNodePool", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = CountParameterSet)]
    [OutputType(typeof(NodePoolInfo), typeof(Job))]
    public sealed class SetMCNodePoolCommand : ClusterRunCmdlet
    {
        private const string CountParameterSet = "Count";
        private const string AutoscalerParameterSet = "Autoscaler";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        /// <summary>The pool; binds from the Name of a NodePoolInfo (Get-MCNodePool | Set-MCNodePool).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NodePoolNameCompleter))]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = CountParameterSet)]
        public int Count { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AutoscalerParameterSet)]
        public int AutoscalerMin { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AutoscalerParameterSet)]
        public int AutoscalerMax { get; set; }

        [Parameter]
        public ClusterLayer? Until { get; set; }

        protected override void ProcessRecordCore()
        {
            var poolName = Name;
            int? count = ParameterSetName == CountParameterSet ? Count : (int?)null;
            var autoscaler = ParameterSetName == AutoscalerParameterSet ? new AutoscalerSpec(AutoscalerMin, AutoscalerMax) : null;
            EditAndRun(ClusterName, current => SpecEdits.SetNodePoolSize(current, poolName, count, autoscaler),
                $"Resize node pool '{poolName}' of cluster '{ClusterName}'", Until, force: false, NodePoolAfter(ClusterName, poolName));
        }
    }
}
