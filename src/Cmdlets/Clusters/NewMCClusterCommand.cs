using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Creates clusters from manifests, a shipped example, specs from the pipeline, or parameters (node pools from
    /// New-MCNodePool through the pipeline). Shows the plan first; -WhatIf shows it and changes nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "MCCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = PathParameterSet)]
    [OutputType(typeof(ClusterInfo), typeof(Job))]
    public sealed class NewMCClusterCommand : ClusterRunCmdlet
    {
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = "LiteralPath";
        private const string ExampleParameterSet = "Example";
        private const string SpecParameterSet = "Spec";
        private const string ParametersParameterSet = "Parameters";

        private readonly List<NodePoolDefinition> _pools = new List<NodePoolDefinition>();

        /// <summary>Manifest files (native or Claudie InputManifest), wildcards allowed; every cluster in them is created.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Manifest files taken as written; binds from Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathParameterSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        /// <summary>Name of a manifest shipped with the module.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExampleParameterSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ExampleNameCompleter))]
        public string Example { get; set; } = "";

        /// <summary>A cluster spec, such as the output of Import-MCManifest.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SpecParameterSet)]
        public ClusterSpec? Spec { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ParametersParameterSet)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>Kubernetes version in "v1.31.2" form.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParametersParameterSet)]
        [ValidateNotNullOrEmpty]
        public string KubernetesVersion { get; set; } = "";

        /// <summary>The WireGuard mesh network (CIDR) every node gets an address from.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParametersParameterSet)]
        [ValidateNotNullOrEmpty]
        public string Network { get; set; } = "";

        /// <summary>MTU of the mesh interface; the engine's default when omitted.</summary>
        [Parameter(ParameterSetName = ParametersParameterSet)]
        public int? Mtu { get; set; }

        /// <summary>Providers made by New-MCProvider.</summary>
        [Parameter(ParameterSetName = ParametersParameterSet)]
        public ProviderSpec[] Provider { get; set; } = new ProviderSpec[0];

        /// <summary>Node pools made by New-MCNodePool, given here or through the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ParametersParameterSet)]
        public NodePoolDefinition[] NodePool { get; set; } = new NodePoolDefinition[0];

        /// <summary>Load balancers made by New-MCLoadBalancer.</summary>
        [Parameter(ParameterSetName = ParametersParameterSet)]
        public LoadBalancerSpec[] LoadBalancer { get; set; } = new LoadBalancerSpec[0];

        /// <summary>Build only up to and including this layer; Sync-MCCluster does the rest later.</summary>
        [Parameter]
        public ClusterLayer? Until { get; set; }

        /// <summary>Build a cluster whose state.json is gone (its folder still has history, keys or logs) as new.</summary>
        [Parameter]
        public SwitchParameter ForgetLostState { get; set; }

        protected override void ProcessRecordCore()
        {
            switch (ParameterSetName)
            {
                case PathParameterSet:
                case LiteralPathParameterSet:
                    var files = ManifestFiles(ParameterSetName == PathParameterSet ? Path : null, ParameterSetName == LiteralPathParameterSet ? LiteralPath : null).ToList();
                    CreateEach(files.SelectMany(file => RunEngine((client, _) => Task.FromResult(client.LoadManifest(file)))).ToList());
                    break;
                case ExampleParameterSet:
                    var example = Example;
                    CreateEach(RunEngine((client, _) => Task.FromResult(client.LoadExample(example))));
                    break;
                case SpecParameterSet:
                    Create(Spec!);
                    break;
                default:
                    // Pools arrive one pipeline object at a time; the cluster is built once all are in.
                    _pools.AddRange(NodePool);
                    break;
            }
        }

        protected override void EndProcessingCore()
        {
            if (ParameterSetName != ParametersParameterSet) return;
            Create(SpecBuilder.Cluster(Name, KubernetesVersion, Network, Mtu, Provider, _pools, LoadBalancer));
        }

        // The engine's batch policy: one cluster's failure is reported and the others still go ahead.
        private void CreateEach(IEnumerable<ClusterSpec> specs) =>
            ClusterBatch.ForEach(specs, Create, failure => WriteError(ErrorRecords.From(failure)));

        private void Create(ClusterSpec spec)
        {
            var planOptions = PlanOptionsFor(Until);
            var run = RunEngine((client, cancellationToken) => client.PlanCreateAsync(spec, planOptions, ForgetLostState.IsPresent, cancellationToken));
            ConfirmAndRun(run, force: false, ClusterAfter);
        }
    }
}
