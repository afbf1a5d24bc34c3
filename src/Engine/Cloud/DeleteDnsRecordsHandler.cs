using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// Deletes a load balancer's DNS records (target "dns/&lt;name&gt;"), found by their names and the cluster's
    /// ownership mark. When the whole cluster goes, every record it owns in the zone goes too, also one a half-built
    /// run made and no spec remembers.
    /// </summary>
    public sealed class DeleteDnsRecordsHandler : IStepHandler
    {
        public StepKind Kind => StepKind.DeleteDnsRecords;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var (loadBalancer, dns, _, provider, cluster) = DnsTarget.Resolve(context, target);
            var names = DnsRecordNodes.Names(context.State.Name, loadBalancer).ToList();
            if (context.Plan.IsDestroy)
            {
                var owned = await provider.FindRecordsAsync(cluster, dns.Zone, cancellationToken).ConfigureAwait(false);
                names = names.Concat(owned.Select(record => record.Name)).Distinct(StringComparer.Ordinal).ToList();
            }
            await provider.DeleteRecordsAsync(cluster, dns.Zone, names, cancellationToken).ConfigureAwait(false);
            context.Services.Log.Write(LogLevel.Verbose, $"{target}: deleted {string.Join(", ", names)} in {dns.Zone}");
            return null;
        }
    }
}
