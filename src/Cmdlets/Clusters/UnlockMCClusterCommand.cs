using System.Management.Automation;
using MultiCloud.Engine.State;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Breaks the lock a crashed run left on a cluster and writes who held it. Only for a holder that is surely
    /// gone: breaking a live run's lock lets two runs change the cluster at once.
    /// </summary>
    [Cmdlet(VerbsCommon.Unlock, "MCCluster", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(LockHolder))]
    public sealed class UnlockMCClusterCommand : ClusterStateCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>Also break the lock of a run whose process still runs on this host.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecordCore()
        {
            var name = Name;
            var force = Force.IsPresent;
            if (!ShouldProcess($"cluster '{name}'", "Break the lock")) return;

            var holder = RunEngine((client, cancellationToken) => client.UnlockAsync(name, force, cancellationToken));
            if (holder is null)
            {
                WriteWarning($"cluster '{name}' was not locked");
                return;
            }
            WriteObject(holder);
        }
    }
}
