using System.Management.Automation;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Reads and validates manifests (native, or Claudie InputManifest) and writes one ClusterSpec per cluster.
    /// An invalid manifest stops the command with every problem listed, each with file, line and field.
    /// </summary>
    [Cmdlet(VerbsData.Import, "MCManifest")]
    [OutputType(typeof(ClusterSpec))]
    public sealed class ImportMCManifestCommand : MultiCloudCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        protected override void ProcessRecordCore()
        {
            foreach (var path in Path)
            {
                var file = FileSystemPath(path);
                WriteObject(RunEngine((client, _) => Task.FromResult(client.LoadManifest(file))), enumerateCollection: true);
            }
        }
    }
}
