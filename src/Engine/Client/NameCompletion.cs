using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Manifest;

namespace MultiCloud.Engine.Client
{
    /// <summary>The kinds of name a host can complete (PowerShell's tab completion).</summary>
    public enum NameKind
    {
        Cluster,
        NodePool,
        Node,
        LoadBalancer,
        Example,
    }

    public sealed partial class MultiCloudClient
    {
        /// <summary>
        /// Names of a kind that start with <paramref name="prefix"/> (case-insensitive, a trailing * allowed), sorted.
        /// Pools, nodes and load balancers are those of <paramref name="clusterName"/>. Completion never fails: what
        /// cannot be read (no such cluster, unreadable state) completes nothing.
        /// </summary>
        public async Task<IReadOnlyList<string>> CompleteNamesAsync(NameKind kind, string? clusterName, string? prefix, CancellationToken cancellationToken)
        {
            IEnumerable<string> names;
            try
            {
                names = await NamesOfAsync(kind, clusterName, cancellationToken).ConfigureAwait(false);
            }
            catch (MultiCloudException)
            {
                return Array.Empty<string>();
            }
            var start = (prefix ?? "").TrimEnd('*');
            return names.Where(name => name.StartsWith(start, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        private async Task<IEnumerable<string>> NamesOfAsync(NameKind kind, string? clusterName, CancellationToken cancellationToken)
        {
            switch (kind)
            {
                case NameKind.Example:
                    return ExampleManifests.Names;
                case NameKind.Cluster:
                    return await Store.ListAsync(cancellationToken).ConfigureAwait(false);
            }
            if (string.IsNullOrEmpty(clusterName)) return Array.Empty<string>();
            var state = await GetClusterAsync(clusterName!, cancellationToken).ConfigureAwait(false);
            var spec = state.Journal?.DesiredSpec ?? state.AppliedSpec;
            return kind switch
            {
                NameKind.Node => state.Nodes.Select(node => node.Name),
                NameKind.NodePool => spec?.NodePools.Select(pool => pool.Name) ?? Enumerable.Empty<string>(),
                _ => spec?.LoadBalancers.Select(loadBalancer => loadBalancer.Name) ?? Enumerable.Empty<string>(),
            };
        }
    }
}
