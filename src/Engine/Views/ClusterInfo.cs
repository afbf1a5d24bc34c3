using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Views
{
    /// <summary>A cluster as front ends show it: one flat object per cluster, built from its state.</summary>
    public sealed class ClusterInfo
    {
        public string Name { get; private set; } = "";

        /// <summary>Same as Name, so that pipeline input binds -ClusterName by property name.</summary>
        public string ClusterName => Name;

        /// <summary>
        /// Ready (applied, and a refresh found every host answering and nothing drifted), Degraded (applied, and the
        /// refresh found problems: see <see cref="Problems"/>), Unverified (applied, hosts not checked: -NoRefresh),
        /// New (nothing applied yet), Interrupted (a run stopped; Sync resumes it) or Failed.
        /// </summary>
        public string Status { get; private set; } = "";
        public string? KubernetesVersion { get; private set; }
        public string? Network { get; private set; }
        public int NodeCount { get; private set; }
        public IReadOnlyList<string> NodePools { get; private set; } = new string[0];
        public IReadOnlyList<string> LoadBalancers { get; private set; } = new string[0];
        public string? LastError { get; private set; }
        public DateTimeOffset UpdatedAt { get; private set; }
        public long Serial { get; private set; }

        /// <summary>When a refresh last looked at the hosts for this view; null when it shows the state alone.</summary>
        public DateTimeOffset? CheckedAt { get; private set; }

        /// <summary>Per layer (Nodes, Mesh, LoadBalancers, Kubernetes) what the refresh saw; empty without a refresh.</summary>
        public IReadOnlyList<LayerStatus> Layers { get; private set; } = new LayerStatus[0];

        /// <summary>Every problem the refresh found, one line each, naming the node or both ends of a mesh pair.</summary>
        public IReadOnlyList<string> Problems { get; private set; } = new string[0];

        /// <summary>The cluster as its state records it, hosts not checked: an applied cluster is Unverified, never Ready.</summary>
        public static ClusterInfo From(ClusterState state) => Build(state, null);

        /// <summary>The cluster as a refresh saw it: Ready only when every host answered and nothing drifted.</summary>
        public static ClusterInfo From(ClusterState state, RefreshReport? refreshed) =>
            Build(state, refreshed is null ? null : ClusterHealth.Of(state, refreshed));

        /// <summary>
        /// The cluster as a finished run left it: the nodes the run converged count as seen; what its refresh found on
        /// nodes the run did not touch still counts. A plan made without a refresh leaves the cluster Unverified.
        /// </summary>
        public static ClusterInfo AfterRun(ClusterState state, Plan plan) =>
            Build(state, plan.Refresh is null ? null : ClusterHealth.AfterRun(state, plan.Refresh, plan.Tasks.SelectMany(t => t.Steps).SelectMany(s => s.Targets)));

        internal static ClusterInfo Build(ClusterState state, ClusterHealth? health)
        {
            var spec = state.AppliedSpec ?? state.Journal?.DesiredSpec;
            return new ClusterInfo
            {
                Name = state.Name,
                Status = StatusOf(state, health),
                CheckedAt = health?.CheckedAt,
                Layers = health?.Layers() ?? new LayerStatus[0],
                Problems = health?.Problems ?? new string[0],
                KubernetesVersion = spec?.Kubernetes.Version,
                Network = spec?.Kubernetes.Network,
                NodeCount = state.Nodes.Count,
                NodePools = spec?.NodePools.Select(p => p.Name).ToList() ?? new List<string>(),
                LoadBalancers = spec?.LoadBalancers.Select(l => l.Name).ToList() ?? new List<string>(),
                LastError = state.Journal?.LastError,
                UpdatedAt = state.UpdatedAt,
                Serial = state.Serial,
            };
        }

        private static string StatusOf(ClusterState state, ClusterHealth? health)
        {
            if (state.Journal != null) return state.Journal.LastError is null || state.Journal.Interrupted ? "Interrupted" : "Failed";
            if (state.AppliedSpec is null) return "New";
            if (health is null) return "Unverified";
            return health.IsHealthy ? "Ready" : "Degraded";
        }
    }

    /// <summary>A node pool as front ends show it; the role is a name (ConvertTo-Json writes it so).</summary>
    public sealed class NodePoolInfo
    {
        public string ClusterName { get; private set; } = "";
        public string Name { get; private set; } = "";
        public string Kind { get; private set; } = "";
        public string? Role { get; private set; }
        public string? Provider { get; private set; }
        public string? Region { get; private set; }
        public string? Zone { get; private set; }
        public string? ServerType { get; private set; }
        public int DesiredCount { get; private set; }
        public int? AutoscalerMin { get; private set; }
        public int? AutoscalerMax { get; private set; }
        public int NodeCount { get; private set; }

        public static NodePoolInfo From(string clusterName, ClusterSpec spec, NodePoolSpec pool, IEnumerable<NodeState> nodes)
        {
            var info = new NodePoolInfo
            {
                ClusterName = clusterName,
                Name = pool.Name,
                Role = SpecQueries.RoleOf(spec, pool.Name)?.ToString(),
                NodeCount = nodes.Count(n => n.Pool == pool.Name),
            };
            switch (pool)
            {
                case DynamicNodePoolSpec dynamic:
                    info.Kind = "Dynamic";
                    info.Provider = dynamic.Provider;
                    info.Region = dynamic.Region;
                    info.Zone = dynamic.Zone;
                    info.ServerType = dynamic.ServerType;
                    info.DesiredCount = dynamic.DesiredCount;
                    info.AutoscalerMin = dynamic.Autoscaler?.Min;
                    info.AutoscalerMax = dynamic.Autoscaler?.Max;
                    break;
                case StaticNodePoolSpec staticPool:
                    info.Kind = "Static";
                    info.DesiredCount = staticPool.Nodes.Count;
                    break;
            }
            return info;
        }
    }
}
