using System.Linq;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>What cloud handlers look up: the cluster's identity, and pools, providers and load balancers by name in the specs the run knows.</summary>
    internal static class CloudSpecs
    {
        public static CloudSession Session(StepContext context) =>
            context.Services.Cloud ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                $"step {context.Step.Name} needs cloud providers, but this run was composed without them");

        /// <summary>The cluster as providers see it; the id is made before the first step, so a missing one is a broken run.</summary>
        public static ClusterIdentity Identity(StepContext context) =>
            new ClusterIdentity(context.State.Name, context.State.Id ?? throw new MultiCloudException(ErrorIds.StateCorrupt, ErrorKind.InvalidData,
                $"cluster '{context.State.Name}' has no id in its state, so its cloud resources cannot be told from others'") { Target = context.State.Name });

        /// <summary>The specs a removed pool, provider or load balancer may still be found in: desired, last applied, the stopped run's.</summary>
        private static ClusterSpec[] Specs(StepContext context) =>
            new[] { context.Desired, context.State.AppliedSpec, context.State.Journal?.DesiredSpec }.OfType<ClusterSpec>().ToArray();

        public static ProviderSpec Provider(StepContext context, string name) =>
            Specs(context).SelectMany(spec => spec.Providers).FirstOrDefault(p => p.Name == name)
            ?? throw Missing(context, $"provider {name}");

        public static DynamicNodePoolSpec DynamicPool(StepContext context, string name) =>
            Specs(context).SelectMany(spec => spec.NodePools).OfType<DynamicNodePoolSpec>().FirstOrDefault(p => p.Name == name)
            ?? throw Missing(context, $"dynamic node pool {name}");

        public static LoadBalancerSpec LoadBalancerWithDns(StepContext context, string name) =>
            Specs(context).SelectMany(spec => spec.LoadBalancers).FirstOrDefault(lb => lb.Name == name && lb.Dns != null)
            ?? throw Missing(context, $"load balancer {name} with DNS");

        /// <summary>The load balancer a "dns/&lt;name&gt;" target names.</summary>
        public static string LoadBalancerOf(string dnsTarget) =>
            dnsTarget.StartsWith(AppliedKeys.DnsPrefix, System.StringComparison.Ordinal) ? dnsTarget.Substring(AppliedKeys.DnsPrefix.Length) : dnsTarget;

        private static MultiCloudException Missing(StepContext context, string what) =>
            new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                $"step {context.Step.Name} of task {context.Task.Id} needs {what}, which no spec of cluster '{context.State.Name}' defines") { Target = what };
    }
}
