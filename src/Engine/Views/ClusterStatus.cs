using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Views
{
    /// <summary>A cluster and its nodes as one status query shows them (`multicloud status`, Get-MCCluster, Get-MCNode).</summary>
    public sealed record ClusterStatus(ClusterInfo Cluster, IReadOnlyList<NodeInfo> Nodes)
    {
        /// <summary>The views of a state, with what <paramref name="refreshed"/> saw (null: the state alone, Unverified).</summary>
        public static ClusterStatus From(ClusterState state, RefreshReport? refreshed)
        {
            var health = refreshed is null ? null : ClusterHealth.Of(state, refreshed);
            return new ClusterStatus(
                ClusterInfo.Build(state, health),
                state.Nodes.Select(node => NodeInfo.From(state, node, health)).ToList());
        }
    }
}
