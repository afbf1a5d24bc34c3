using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// What an apply would do now, task by task: for a cluster's current spec (a resume or repair), or for every
    /// cluster of manifests. Takes no lock and changes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MCPlan", DefaultParameterSetName = ClusterNameParameterSet)]
    [OutputType(typeof(PlanTaskInfo))]
    public sealed class GetMCPlanCommand : ClusterStateCmdlet
    {
        private const string ClusterNameParameterSet = "ClusterName";
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = "LiteralPath";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ClusterNameParameterSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        /// <summary>Manifest files, wildcards allowed; every cluster in them is planned against its state.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathParameterSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Manifest files taken as written (no wildcards); binds from Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathParameterSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        [Parameter]
        public ClusterLayer? Until { get; set; }

        protected override void ProcessRecordCore()
        {
            IReadOnlyList<ClusterSpec> specs;
            if (ParameterSetName == ClusterNameParameterSet)
            {
                var name = ClusterName;
                specs = new[] { RunEngine((client, cancellationToken) => client.GetSpecAsync(name, cancellationToken)) };
            }
            else
            {
                var files = ManifestFiles(ParameterSetName == PathParameterSet ? Path : null, ParameterSetName == LiteralPathParameterSet ? LiteralPath : null).ToList();
                specs = files.SelectMany(file => RunEngine((client, _) => Task.FromResult(client.LoadManifest(file)))).ToList();
            }

            var planOptions = PlanOptionsFor(Until);
            foreach (var spec in specs)
            {
                var plan = RunEngine((client, cancellationToken) => client.PlanAsync(spec, planOptions, cancellationToken));
                WriteObject(PlanTaskInfo.From(plan), enumerateCollection: true);
            }
        }
    }
}
