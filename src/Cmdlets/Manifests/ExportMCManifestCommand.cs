using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Writes clusters as one native manifest: the specs of clusters in state, or specs from the pipeline.
    /// Without -Path the YAML text is the output.
    /// </summary>
    // No default parameter set: with one, PowerShell settles on it before pipeline input arrives, and a ClusterSpec
    // from Import-MCManifest (which has no ClusterName) could never bind to -Spec.
    [Cmdlet(VerbsData.Export, "MCManifest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(string))]
    public sealed class ExportMCManifestCommand : ClusterStateCmdlet
    {
        private const string ClusterNameParameterSet = "ClusterName";
        private const string SpecParameterSet = "Spec";

        private readonly List<ClusterSpec> _specs = new List<ClusterSpec>();

        /// <summary>Clusters in state whose spec (the one being applied, else the last applied) is written.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = ClusterNameParameterSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SpecParameterSet)]
        public ClusterSpec? Spec { get; set; }

        /// <summary>The file to write (replaced if it exists).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        protected override void ProcessRecordCore()
        {
            if (ParameterSetName == SpecParameterSet)
            {
                _specs.Add(Spec!);
                return;
            }
            var name = ClusterName;
            _specs.Add(RunEngine((client, cancellationToken) => client.GetSpecAsync(name, cancellationToken)));
        }

        // All clusters go into one file, so the writing waits until the pipeline has delivered them all.
        protected override void EndProcessingCore()
        {
            if (_specs.Count == 0) return;
            var specs = _specs.ToList();
            var yaml = RunEngine((client, _) => Task.FromResult(client.ExportManifest(specs)));
            if (Path is null)
            {
                WriteObject(yaml);
                return;
            }

            var file = FileSystemPath(Path);
            var names = string.Join(", ", specs.Select(s => s.Name));
            if (!ShouldProcess(file, $"Write the manifest of cluster(s) {names}")) return;
            OutputFile.Write(file, yaml, ownerOnly: false);
        }
    }
}
