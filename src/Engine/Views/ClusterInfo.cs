using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Views
{
    /// <summary>A cluster as front ends show it: one flat object per cluster, built from its state.</summary>
    public sealed class ClusterInfo
    {
        public string Name { get; private set; } = "";

        /// <summary>Same as Name, so that pipeline input binds -ClusterName by property name.</summary>
        public string ClusterName => Name;

        /// <summary>Ready, New (nothing applied yet), Interrupted (a run stopped; Sync resumes it) or Failed.</summary>
        public string Status { get; private set; } = "";
        public string? KubernetesVersion { get; private set; }
        public string? Network { get; private set; }
        public int NodeCount { get; private set; }
        public IReadOnlyList<string> NodePools { get; private set; } = new string[0];
        public IReadOnlyList<string> LoadBalancers { get; private set; } = new string[0];
        public string? LastError { get; private set; }
        public DateTimeOffset UpdatedAt { get; private set; }
        public long Serial { get; private set; }

        public static ClusterInfo From(ClusterState state)
        {
            var spec = state.AppliedSpec ?? state.Journal?.DesiredSpec;
            return new ClusterInfo
            {
                Name = state.Name,
                Status = StatusOf(state),
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

        private static string StatusOf(ClusterState state)
        {
            if (state.Journal is null) return state.AppliedSpec is null ? "New" : "Ready";
            return state.Journal.LastError is null || state.Journal.Interrupted ? "Interrupted" : "Failed";
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

    /// <summary>A node as front ends show it; the role is a name (ConvertTo-Json writes it so).</summary>
    public sealed class NodeInfo
    {
        public string ClusterName { get; private set; } = "";
        public string Name { get; private set; } = "";
        public string Pool { get; private set; } = "";
        public string Role { get; private set; } = "";
        public string? PublicAddress { get; private set; }
        public string MeshAddress { get; private set; } = "";
        public string? WireGuardPublicKey { get; private set; }
        public string? SshHostKeyFingerprint { get; private set; }
        public string? OperatingSystem { get; private set; }
        public bool Prepared { get; private set; }
        public bool Joined { get; private set; }
        public IReadOnlyDictionary<string, string> ProviderResources { get; private set; } = new Dictionary<string, string>();

        public static NodeInfo From(string clusterName, NodeState node) => new NodeInfo
        {
            ClusterName = clusterName,
            Name = node.Name,
            Pool = node.Pool,
            Role = node.Role.ToString(),
            PublicAddress = node.PublicAddress,
            MeshAddress = node.MeshAddress,
            WireGuardPublicKey = node.WireGuardPublicKey,
            SshHostKeyFingerprint = node.SshHostKeyFingerprint,
            OperatingSystem = node.OperatingSystem,
            Prepared = node.Prepared,
            Joined = node.Joined,
            ProviderResources = node.ProviderResources,
        };
    }
}
