using System.Management.Automation;

namespace MultiCloud.Cmdlets
{
    /// <summary>The admin kubeconfig of a cluster, as text or written to a file only its owner can read.</summary>
    [Cmdlet(VerbsCommon.Get, "MCKubeconfig")]
    [OutputType(typeof(string))]
    public sealed class GetMCKubeconfigCommand : ClusterStateCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        /// <summary>Write the kubeconfig to this file instead of the pipeline.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        protected override void ProcessRecordCore()
        {
            var name = ClusterName;
            var kubeconfig = RunEngine((client, cancellationToken) => client.GetKubeconfigAsync(name, cancellationToken));
            if (OutFile is null)
            {
                WriteObject(kubeconfig);
                return;
            }
            OutputFile.Write(FileSystemPath(OutFile), kubeconfig, ownerOnly: true);
        }
    }
}
