using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>What a DNS step's target ("dns/&lt;load balancer&gt;") resolves to: the load balancer, its DNS settings, the provider and the cluster.</summary>
    internal sealed record DnsTarget(LoadBalancerSpec LoadBalancer, DnsSpec Dns, ProviderSpec ProviderSpec, IDnsProvider Provider, ClusterIdentity Cluster)
    {
        public static DnsTarget Resolve(StepContext context, string target)
        {
            var loadBalancer = CloudSpecs.LoadBalancerWithDns(context, CloudSpecs.LoadBalancerOf(target));
            var dns = loadBalancer.Dns!;
            var providerSpec = CloudSpecs.Provider(context, dns.Provider);
            return new DnsTarget(loadBalancer, dns, providerSpec, CloudSpecs.Session(context).Dns(providerSpec), CloudSpecs.Identity(context));
        }
    }
}
