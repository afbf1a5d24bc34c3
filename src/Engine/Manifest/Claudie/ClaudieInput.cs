using System.Collections.Generic;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>
    /// Everything read from one InputManifest, before it is split into clusters. Shared holds places common to every
    /// cluster of the file, keyed by full native paths (spec.providers …).
    /// </summary>
    internal sealed record ClaudieInput(
        SourceEntries Shared,
        IReadOnlyList<ImportedProvider> Providers,
        IReadOnlyList<ImportedPool> Pools,
        IReadOnlyList<ClaudieKubernetesCluster> KubernetesClusters,
        IReadOnlyList<ClaudieRole> Roles,
        IReadOnlyList<ClaudieLoadBalancerCluster> LoadBalancerClusters);

    /// <summary>A provider entry; Spec is null when its type cannot be used (already reported). Source is relative to the provider's native path.</summary>
    internal sealed record ImportedProvider(Located<string> Name, ProviderSpec? Spec, SourceEntries Source);

    /// <summary>A node pool definition (dynamic or static) that clusters use by name. Source is relative to the pool's native path.</summary>
    internal sealed record ImportedPool(Located<string> Name, NodePoolSpec Spec, SourceEntries Source, Located<string>? ProviderName)
    {
        public bool IsStatic => Spec is StaticNodePoolSpec;
    }

    /// <summary>A Kubernetes cluster entry; Source is keyed by full native paths (metadata.name, spec.kubernetes.version …).</summary>
    internal sealed record ClaudieKubernetesCluster(
        Located<string> Name,
        Located<string> Version,
        Located<string> Network,
        IReadOnlyList<Located<string>> ControlPools,
        IReadOnlyList<Located<string>> ComputePools,
        SourceEntries Source);

    /// <summary>Which pools of the targeted cluster a role in the older "target:" form forwards to.</summary>
    internal enum RoleTarget { ControlPlane, ComputePlane, AllNodes }

    /// <summary>
    /// A load balancer role. Spec.TargetPools holds the pools written in targetPools; a role in the older form has
    /// Target instead, resolved against each cluster that uses the role.
    /// </summary>
    internal sealed record ClaudieRole(Located<string> Name, RoleSpec Spec, IReadOnlyList<Located<string>> TargetPools, Located<RoleTarget>? Target, SourceEntries Source);

    /// <summary>A load balancer cluster; Source is relative to its native path (".name", ".pools[0]", ".dns.zone" …).</summary>
    internal sealed record ClaudieLoadBalancerCluster(
        Located<string> Name,
        IReadOnlyList<Located<string>> Roles,
        DnsSpec? Dns,
        Located<string>? DnsProvider,
        Located<string> TargetedKubernetes,
        IReadOnlyList<Located<string>> Pools,
        SourceEntries Source);
}
