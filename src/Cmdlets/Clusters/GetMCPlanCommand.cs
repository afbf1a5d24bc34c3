using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// What an apply would do now, task by task: for a cluster's current spec (a resume or repair), or for every
    /// cluster of a manifest. Takes no lock and changes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MCPlan", DefaultParameterSetName = ClusterNameParameterSet)]
    [OutputType(typeof(PlanTaskInfo))]
    public sealed class GetMCPlanCommand : ClusterStateCmdlet
    {
        private const string ClusterNameParameterSet = "ClusterName";
        private const string PathParameterSet = "Path";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ClusterNameParameterSet)]
        [ValidateNotNullOrEmpty]
        public string ClusterName { get; set; } = "";

        /// <summary>A manifest file; every cluster in it is planned against its state.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathParameterSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter]
        public ClusterLayer? Until { get; set; }

        /// <summary>Trust the state alone: check no host first (a refresh costs one SSH round trip per host).</summary>
        [Parameter]
        public SwitchParameter NoRefresh { get; set; }

        protected override void ProcessRecordCore()
        {
            IReadOnlyList<ClusterSpec> specs;
            if (ParameterSetName == PathParameterSet)
            {
                var path = FileSystemPath(Path);
                specs = RunEngine((client, _) => Task.FromResult(client.LoadManifest(path)));
            }
            else
            {
                var name = ClusterName;
                specs = new[] { RunEngine((client, cancellationToken) => client.GetSpecAsync(name, cancellationToken)) };
            }

            var planOptions = PlanOptionsFor(Until);
            var refresh = RefreshFor(NoRefresh);
            foreach (var spec in specs)
            {
                var plan = RunEngine((client, cancellationToken) => client.PlanAsync(spec, planOptions, refresh, cancellationToken));
                foreach (var notice in plan.Notices) WriteWarning(notice.Message);
                WriteObject(PlanTaskInfo.From(plan), enumerateCollection: true);
            }
        }
    }
}
