using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// A provider instance in a region: the unit of a cloud network with its pool firewalls. Steps about it target
    /// "provider/region" ("hetzner-lb/fsn1"); provider and region names never hold a '/'.
    /// </summary>
    public sealed record CloudRegion(string Provider, string Region)
    {
        public string Target => Provider + "/" + Region;

        public override string ToString() => Target;

        public static CloudRegion Parse(string target)
        {
            var slash = target.IndexOf('/');
            if (slash <= 0 || slash == target.Length - 1)
                throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData, $"'{target}' is not a provider/region target") { Target = target };
            return new CloudRegion(target.Substring(0, slash), target.Substring(slash + 1));
        }

        public static CloudRegion Of(DynamicNodePoolSpec pool) => new CloudRegion(pool.Provider, pool.Region);

        /// <summary>The regions of a spec's dynamic pools, in a stable order.</summary>
        public static IReadOnlyList<CloudRegion> Of(ClusterSpec? spec) =>
            spec is null ? Array.Empty<CloudRegion>() : Ordered(spec.NodePools.OfType<DynamicNodePoolSpec>().Select(Of));

        public static IReadOnlyList<CloudRegion> Ordered(IEnumerable<CloudRegion> regions) =>
            regions.Distinct().OrderBy(r => r.Provider, StringComparer.Ordinal).ThenBy(r => r.Region, StringComparer.Ordinal).ToList();

        /// <summary>The dynamic pools of the spec in this region, by name.</summary>
        public IReadOnlyList<DynamicNodePoolSpec> PoolsIn(ClusterSpec spec) =>
            spec.NodePools.OfType<DynamicNodePoolSpec>().Where(p => Of(p) == this).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }
}
