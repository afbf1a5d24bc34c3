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

    /// <summary>A cmdlet that runs a plan on a cluster, which can take long: it can run as a job (-AsJob).</summary>
    public abstract class ClusterRunCmdlet : ClusterStateCmdlet
    {
        /// <summary>Start the run as a background job after the plan is confirmed; the job is the output.</summary>
        [Parameter]
        public SwitchParameter AsJob { get; set; }

        protected override bool RunAsJob => AsJob.IsPresent;
    }
}
