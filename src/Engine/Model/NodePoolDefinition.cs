namespace MultiCloud.Engine.Model
{
    /// <summary>A node pool together with the role it is to play: what travels through the pipeline into New-MCCluster.</summary>
    public sealed record NodePoolDefinition(NodePoolSpec Pool, NodeRole Role, string? LoadBalancer = null);

    /// <summary>Parameters of a dynamic pool built from front-end parameters (one record instead of a long parameter list).</summary>
    public sealed record DynamicPoolParameters
    {
        public required string Name { get; init; }
        public required string Provider { get; init; }
        public required string Region { get; init; }
        public string? Zone { get; init; }
        public required string ServerType { get; init; }
        public required string Image { get; init; }
        public int? Count { get; init; }
        public int? AutoscalerMin { get; init; }
        public int? AutoscalerMax { get; init; }
        public int? DiskSizeGb { get; init; }
        public PoolMetadataParameters Metadata { get; init; } = new PoolMetadataParameters();
    }

    /// <summary>Parameters of a static pool: endpoints as "host", "host:port", "user@host" or "user@host:port".</summary>
    public sealed record StaticPoolParameters
    {
        public required string Name { get; init; }
        public required System.Collections.Generic.IReadOnlyList<string> Endpoints { get; init; }
        public string? User { get; init; }
        public int? Port { get; init; }
        public string? PrivateKeyPath { get; init; }
        public PoolMetadataParameters Metadata { get; init; } = new PoolMetadataParameters();
    }

    /// <summary>Labels and annotations as PowerShell hashtables (or any IDictionary); taints as "key=value:Effect".</summary>
    public sealed record PoolMetadataParameters
    {
        public System.Collections.IDictionary? Labels { get; init; }
        public System.Collections.Generic.IReadOnlyList<string>? Taints { get; init; }
        public System.Collections.IDictionary? Annotations { get; init; }
    }
}
