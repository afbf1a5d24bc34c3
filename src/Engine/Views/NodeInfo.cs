using System;
using System.Collections.Generic;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Views
{
    /// <summary>A node as front ends show it: what the state records, and what the latest refresh saw there; the role is a name (ConvertTo-Json writes it so).</summary>
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

        /// <summary>As the refresh saw it; as recorded at preparation when the node was not checked.</summary>
        public string? OperatingSystem { get; private set; }
        public bool Prepared { get; private set; }
        public bool Joined { get; private set; }
        public IReadOnlyDictionary<string, string> ProviderResources { get; private set; } = new Dictionary<string, string>();

        /// <summary>True when the refresh reached the node over SSH; false when it could not; null when it did not try (never contacted) or without a refresh.</summary>
        public bool? Reachable { get; private set; }

        /// <summary>When the refresh's answer from the node arrived (or its attempt ended); null without a refresh.</summary>
        public DateTimeOffset? CheckedAt { get; private set; }

        /// <summary>Why the node was not checked (unreachable, never contacted, unreadable), naming the error.</summary>
        public string? NotChecked { get; private set; }

        /// <summary>The oldest latest-handshake among the node's mesh peers, as its own interface reports it; null when it has none or was not checked.</summary>
        public TimeSpan? MeshHandshakeAge { get; private set; }

        /// <summary>For a load-balancer node: nginx active and serving every port of its roles; null for other nodes or when not checked.</summary>
        public bool? LoadBalancerUp { get; private set; }

        /// <summary>
        /// Kubernetes' view of a joined node: Ready only when its Node's Ready condition says so; NotReady; Missing (no
        /// Node object); Unknown (no control node answered). Null for a node not joined, or without a refresh.
        /// </summary>
        public string? Kubernetes { get; private set; }

        /// <summary>What the refresh found wrong on this node: drift, mesh pairs without a recent handshake, ports not served.</summary>
        public IReadOnlyList<string> Problems { get; private set; } = new string[0];

        /// <summary>The node as the state records it, not checked.</summary>
        public static NodeInfo From(string clusterName, NodeState node) => Build(clusterName, node, null, null);

        /// <summary>The node with what a refresh saw on it (<paramref name="health"/> of its cluster, or null when not refreshed).</summary>
        public static NodeInfo From(ClusterState state, NodeState node, ClusterHealth? health) => Build(state.Name, node, state, health);

        private static NodeInfo Build(string clusterName, NodeState node, ClusterState? state, ClusterHealth? health)
        {
            var observed = health?.Observation(node.Name);
            return new NodeInfo
            {
                ClusterName = clusterName,
                Name = node.Name,
                Pool = node.Pool,
                Role = node.Role.ToString(),
                PublicAddress = node.PublicAddress,
                MeshAddress = node.MeshAddress,
                WireGuardPublicKey = node.WireGuardPublicKey,
                SshHostKeyFingerprint = node.SshHostKeyFingerprint,
                OperatingSystem = observed?.OperatingSystem ?? node.OperatingSystem,
                Prepared = node.Prepared,
                Joined = node.Joined,
                ProviderResources = node.ProviderResources,
                Reachable = observed is null || observed.Check == Refresh.HostCheck.NotContacted ? null : observed.Check != Refresh.HostCheck.Unreachable,
                CheckedAt = observed?.SeenAt,
                NotChecked = observed is null || observed.IsChecked ? null : observed.Problem,
                MeshHandshakeAge = observed is null || state is null ? null : MeshHandshakes.OldestHandshake(state, observed),
                LoadBalancerUp = health?.LoadBalancerUp(node),
                Kubernetes = health?.KubernetesReadiness(node.Name),
                Problems = health?.ProblemsOf(node.Name) ?? new string[0],
            };
        }
    }
}
