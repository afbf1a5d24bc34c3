using System;
using System.Security.Cryptography;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// Cluster ids: 24 lowercase hex digits from a cryptographic random source. That alphabet is valid in every
    /// cloud's tags and labels (Azure, AWS, Hetzner label values) and in DNS record comments.
    /// </summary>
    public static class ClusterIds
    {
        public static string New() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

        /// <summary>The state with an id, made now if it had none.</summary>
        public static ClusterState Ensure(ClusterState state) => state.Id is null ? state with { Id = New() } : state;
    }
}
