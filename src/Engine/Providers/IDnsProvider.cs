using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// Keeps the A/AAAA records of load balancers in one DNS zone of one provider instance. Same contract as
    /// <see cref="IMachineProvider"/>: idempotent calls, ownership proven by the cluster id (a record set another
    /// owner made is never changed or deleted), typed <see cref="CloudException"/>s, no secret in any text.
    /// </summary>
    public interface IDnsProvider : IAsyncDisposable
    {
        /// <summary>Makes the record set hold exactly these addresses (creating, changing or leaving it as it is).</summary>
        Task EnsureRecordsAsync(DnsRecordSet records, CancellationToken cancellationToken);

        /// <summary>Deletes the cluster's record sets of these names; absent is success.</summary>
        Task DeleteRecordsAsync(ClusterIdentity cluster, string zone, IReadOnlyList<string> names, CancellationToken cancellationToken);

        /// <summary>Every record set in the zone that this cluster owns (for destroy and leak checks).</summary>
        Task<IReadOnlyList<DnsRecordSet>> FindRecordsAsync(ClusterIdentity cluster, string zone, CancellationToken cancellationToken);
    }

    /// <summary>One name in a zone ("k8s" in "example.com"; "@" is the apex) and the addresses it resolves to.</summary>
    public sealed record DnsRecordSet
    {
        public required ClusterIdentity Cluster { get; init; }
        public required string Zone { get; init; }
        public required string Name { get; init; }

        /// <summary>IPv4 addresses become A records, IPv6 AAAA records. Empty means the name must not resolve.</summary>
        public IReadOnlyList<string> Addresses { get; init; } = Array.Empty<string>();

        public int TtlSeconds { get; init; } = DefaultTtlSeconds;

        public const int DefaultTtlSeconds = 60;
    }
}
