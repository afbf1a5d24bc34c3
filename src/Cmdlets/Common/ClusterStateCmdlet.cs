using System.Management.Automation;

namespace MultiCloud.Cmdlets
{
    /// <summary>A cmdlet that reads or changes cluster state, and so takes -StateDirectory.</summary>
    public abstract class ClusterStateCmdlet : MultiCloudCmdlet
    {
        /// <summary>The state folder; without it MULTICLOUD_STATE_DIR, else the per-user default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StateDirectory { get; set; }

        protected override string? StateDirectoryPath => StateDirectory is null ? null : FileSystemPath(StateDirectory);
    }
}
