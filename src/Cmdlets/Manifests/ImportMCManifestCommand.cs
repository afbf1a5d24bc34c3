using System.Management.Automation;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Reads and validates manifests (native, or Claudie InputManifest) and writes one ClusterSpec per cluster.
    /// An invalid manifest stops the command with every problem listed, each with file, line and field.
    /// </summary>
    [Cmdlet(VerbsData.Import, "MCManifest", DefaultParameterSetName = PathParameterSet)]
    [OutputType(typeof(ClusterSpec))]
    public sealed class ImportMCManifestCommand : MultiCloudCmdlet
    {
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = "LiteralPath";

        /// <summary>Manifest files, wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PathParameterSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Manifest files taken as written; binds from Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathParameterSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        protected override void ProcessRecordCore()
        {
            var files = ManifestFiles(ParameterSetName == PathParameterSet ? Path : null, ParameterSetName == LiteralPathParameterSet ? LiteralPath : null);
            foreach (var file in files)
            {
                WriteObject(RunEngine((client, _) => Task.FromResult(client.LoadManifest(file))), enumerateCollection: true);
            }
        }
    }
}
