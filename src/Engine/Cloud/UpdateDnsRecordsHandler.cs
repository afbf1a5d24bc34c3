using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// Points a load balancer's DNS names (target "dns/&lt;name&gt;") at the public addresses of the nodes the plan
    /// chose: the healthy ones (<see cref="DnsRecordNodes"/>). Records of the cluster in the zone that no load
    /// balancer asks for any more (a dropped alternative name) are deleted in the same step.
    /// </summary>
    public sealed class UpdateDnsRecordsHandler : IStepHandler
    {
        public StepKind Kind => StepKind.UpdateDnsRecords;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var (loadBalancer, dns, providerSpec, provider, cluster) = DnsTarget.Resolve(context, target);
            var nodes = DnsRecordNodes.Of(context.Plan, loadBalancer);
            var addresses = context.State.Nodes
                .Where(node => nodes.Contains(node.Name) && node.PublicAddress != null && IPAddress.TryParse(node.PublicAddress, out _))
                .Select(node => node.PublicAddress!)
                .OrderBy(address => address, StringComparer.Ordinal)
                .ToList();
            var names = DnsRecordNodes.Names(context.State.Name, loadBalancer);
            foreach (var name in names)
            {
                await provider.EnsureRecordsAsync(new DnsRecordSet
                {
                    Cluster = cluster,
                    Zone = dns.Zone,
                    Name = name,
                    Addresses = addresses,
                    TtlSeconds = DnsTtl.Of(providerSpec),
                }, cancellationToken).ConfigureAwait(false);
            }

            var wanted = WantedNames(context, dns.Zone, dns.Provider);
            var stale = (await provider.FindRecordsAsync(cluster, dns.Zone, cancellationToken).ConfigureAwait(false))
                .Select(record => record.Name).Where(name => !wanted.Contains(name)).Distinct(StringComparer.Ordinal).ToList();
            if (stale.Count > 0) await provider.DeleteRecordsAsync(cluster, dns.Zone, stale, cancellationToken).ConfigureAwait(false);
            context.Services.Log.Write(LogLevel.Verbose, $"{target}: {string.Join(", ", names)} -> {(addresses.Count == 0 ? "nothing" : string.Join(", ", addresses))}");
            return null;
        }

        /// <summary>Every name the desired spec's load balancers keep in this zone of this provider.</summary>
        private static HashSet<string> WantedNames(StepContext context, string zone, string provider) =>
            new HashSet<string>(context.Desired.LoadBalancers
                .Where(lb => lb.Dns != null && lb.Dns.Zone == zone && lb.Dns.Provider == provider)
                .SelectMany(lb => DnsRecordNodes.Names(context.State.Name, lb)), StringComparer.Ordinal);
    }
}
