using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Views;

namespace MultiCloud.Cli.Output
{
    /// <summary>`status --output json`: every matching cluster with its nodes.</summary>
    public sealed record StatusDocument(IReadOnlyList<ClusterStatusJson> Clusters)
    {
        public static StatusDocument From(IEnumerable<ClusterState> states) =>
            new StatusDocument(states.Select(ClusterStatusJson.From).ToList());
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
        IReadOnlyList<NodeJson> Nodes)
    {
        public static ClusterStatusJson From(ClusterState state)
        {
            var info = ClusterInfo.From(state);
            return new ClusterStatusJson(info.Name, info.Status, info.KubernetesVersion, info.Network, info.NodePools, info.LoadBalancers,
                info.LastError, info.UpdatedAt, info.Serial, state.Nodes.Select(n => NodeJson.From(NodeInfo.From(state.Name, n))).ToList());
        }
    }

    /// <summary>`nodes --output json`: the nodes of one cluster.</summary>
    public sealed record NodesDocument(string Cluster, IReadOnlyList<NodeJson> Nodes);

    public sealed record NodeJson(
        string Name,
        string Pool,
        NodeRole Role,
        string? PublicAddress,
        string MeshAddress,
        string? OperatingSystem,
        bool Prepared,
        bool Joined)
    {
        public static NodeJson From(NodeInfo node) =>
            new NodeJson(node.Name, node.Pool, Enum.Parse<NodeRole>(node.Role), node.PublicAddress, node.MeshAddress, node.OperatingSystem, node.Prepared, node.Joined);
    }
}
