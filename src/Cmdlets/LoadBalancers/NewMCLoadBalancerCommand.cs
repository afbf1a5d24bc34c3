using System.Collections;
using System.Management.Automation;
using MultiCloud.Engine.Model;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Describes a load balancer for New-MCCluster -LoadBalancer: the ports it forwards and, optionally, its DNS
    /// record. A builder: it changes nothing, so it has no -WhatIf.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "MCLoadBalancer")]
    [OutputType(typeof(LoadBalancerSpec))]
    public sealed class NewMCLoadBalancerCommand : MultiCloudCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>Node pools that run the load balancer; pools piped in with -LoadBalancer are added too.</summary>
        [Parameter]
        public string[] Pool { get; set; } = new string[0];

        /// <summary>Forwarded ports: @{ Name; Port; TargetPort; TargetPools; Protocol (tcp|udp); ProxyProtocol }.</summary>
        [Parameter(Mandatory = true)]
        public IDictionary[] Role { get; set; } = new IDictionary[0];

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DnsZone { get; set; }

        /// <summary>Name of a DNS-capable provider of the cluster.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DnsProvider { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Hostname { get; set; }

        [Parameter]
        public string[]? AlternativeName { get; set; }

        protected override void ProcessRecordCore() =>
            WriteObject(SpecBuilder.LoadBalancer(Name, Pool, PowerShellValues.Unwrap(Role), DnsZone, DnsProvider, Hostname, AlternativeName));
    }
}
