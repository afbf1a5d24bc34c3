using System.Collections.Generic;

namespace MultiCloud.Engine.Model
{
    /// <summary>TCP/UDP load balancer nodes in front of the cluster, with an optional DNS record.</summary>
    public sealed record LoadBalancerSpec
    {
        public required string Name { get; init; }
        public IReadOnlyList<RoleSpec> Roles { get; init; } = new RoleSpec[0];
        public DnsSpec? Dns { get; init; }

        /// <summary>Node pools whose nodes run this load balancer. They join the mesh but not Kubernetes.</summary>
        public IReadOnlyList<string> Pools { get; init; } = new string[0];
    }

    public enum LoadBalancerProtocol { Tcp, Udp }

    /// <summary>One forwarded port: listen on Port on the LB nodes, forward to TargetPort on the target pools' mesh addresses.</summary>
    public sealed record RoleSpec
    {
        public required string Name { get; init; }
        public LoadBalancerProtocol Protocol { get; init; } = LoadBalancerProtocol.Tcp;
        public required int Port { get; init; }
        public required int TargetPort { get; init; }
        public IReadOnlyList<string> TargetPools { get; init; } = new string[0];
        public bool ProxyProtocol { get; init; }

        /// <summary>The Kubernetes API server role is the one that listens on this port.</summary>
        public const int ApiServerPort = 6443;
        public bool IsApiServer => Port == ApiServerPort;
    }

    public sealed record DnsSpec
    {
        public required string Zone { get; init; }

        /// <summary>Name of a DNS-capable <see cref="ProviderSpec"/> of the cluster.</summary>
        public required string Provider { get; init; }
        public string? Hostname { get; init; }
        public IReadOnlyList<string> AlternativeNames { get; init; } = new string[0];
    }
}
