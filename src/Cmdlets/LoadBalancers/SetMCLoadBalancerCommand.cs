using System.Collections;
using System.Management.Automation;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Adds a load balancer to a cluster, or replaces the one of the same name, and brings the cluster to the
    /// new spec. Without -Pool an existing load balancer keeps its pools (they come and go with Add-MCNodePool).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "MCLoadBalancer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClusterInfo), typeof(Job))]
    public sealed class SetMCLoadBalancerCommand : ClusterRunCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string ClusterName { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LoadBalancerNameCompleter))]
        public string Name { get; set; } = "";

        [Parameter]
        public string[]? Pool { get; set; }

        /// <summary>Forwarded ports: @{ Name; Port; TargetPort; TargetPools; Protocol (tcp|udp); ProxyProtocol }.</summary>
        [Parameter(Mandatory = true)]
        public IDictionary[] Role { get; set; } = new IDictionary[0];

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DnsZone { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DnsProvider { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Hostname { get; set; }

        [Parameter]
        public string[]? AlternativeName { get; set; }

        [Parameter]
        public ClusterLayer? Until { get; set; }

        protected override void ProcessRecordCore()
        {
            var built = SpecBuilder.LoadBalancer(Name, Pool ?? new string[0], PowerShellValues.Unwrap(Role), DnsZone, DnsProvider, Hostname, AlternativeName);
            var keepPools = Pool is null;
            EditAndRun(ClusterName, current => SpecEdits.SetLoadBalancer(current, built, keepExistingPools: keepPools),
                $"Set load balancer '{built.Name}' of cluster '{ClusterName}'", Until, force: false, ClusterAfter);
        }
    }
}
