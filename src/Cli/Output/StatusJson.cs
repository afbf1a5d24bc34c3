using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cli.Output
{
    /// <summary>`status --output json`: every matching cluster with its layers, problems and nodes.</summary>
    public sealed record StatusDocument(IReadOnlyList<ClusterStatusJson> Clusters)
    {
        public static StatusDocument From(IEnumerable<ClusterStatus> statuses) =>
            new StatusDocument(statuses.Select(ClusterStatusJson.From).ToList());
    }

    public sealed record ClusterStatusJson(
        string Name,
        string Status,
        string? KubernetesVersion,
        string? Network,
        IReadOnlyList<string> NodePools,
        IReadOnlyList<string> LoadBalancers,
        string? LastError,
        DateTimeOffset UpdatedAt,
        long Serial,
        DateTimeOffset? CheckedAt,
        IReadOnlyList<LayerStatus> Layers,
        IReadOnlyList<string> Problems,
        IReadOnlyList<NodeJson> Nodes)
    {
        public static ClusterStatusJson From(ClusterStatus status)
        {
            var info = status.Cluster;
            return new ClusterStatusJson(info.Name, info.Status, info.KubernetesVersion, info.Network, info.NodePools, info.LoadBalancers,
                info.LastError, info.UpdatedAt, info.Serial, info.CheckedAt, info.Layers, info.Problems, status.Nodes.Select(NodeJson.From).ToList());
        }
    }

    /// <summary>`nodes --output json`: the nodes of one cluster.</summary>
    public sealed record NodesDocument(string Cluster, IReadOnlyList<NodeJson> Nodes);

    /// <summary>One node; the refresh fields are null when the node was not refreshed (--no-refresh).</summary>
    public sealed record NodeJson(
        string Name,
        string Pool,
        NodeRole Role,
        string? PublicAddress,
        string MeshAddress,
        string? OperatingSystem,
        bool Prepared,
        bool Joined,
        bool? Reachable,
        DateTimeOffset? CheckedAt,
        string? NotChecked,
        double? MeshHandshakeAgeSeconds,
        bool? LoadBalancerUp,
        string? Kubernetes,
        IReadOnlyList<string> Problems)
    {
        public static NodeJson From(NodeInfo node) =>
            new NodeJson(node.Name, node.Pool, Enum.Parse<NodeRole>(node.Role), node.PublicAddress, node.MeshAddress, node.OperatingSystem, node.Prepared, node.Joined,
                node.Reachable, node.CheckedAt, node.NotChecked, node.MeshHandshakeAge?.TotalSeconds, node.LoadBalancerUp, node.Kubernetes, node.Problems);
    }
}
