using System;
using System.Security.Cryptography;
using System.Text;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// RunInstances' idempotency token for a node. EC2 answers a repeated RunInstances with the same token with the
    /// instance the first one made, so a retry after a lost answer or a crashed run never makes a second machine. The
    /// first token is derived from cluster id and node name only. EC2 remembers a token for a day or more after its
    /// instance is terminated, so a node deleted and created again (scaled down, then up) would get the terminated
    /// instance back: the next token is then derived from the previous one and that instance's id, a chain that every
    /// run walks the same way.
    /// </summary>
    internal static class AwsClientToken
    {
        public static string First(ClusterIdentity cluster, string nodeName) => Hash(cluster.Id + "/" + nodeName);

        public static string After(string token, string terminatedInstanceId) => Hash(token + "/" + terminatedInstanceId);

        /// <summary>"mc-" and 32 hex digits: within EC2's 64 ASCII characters, and telling whose token it is.</summary>
        private static string Hash(string text)
        {
            using var sha = SHA256.Create();
            var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            return "mc-" + BitConverter.ToString(digest, 0, 16).Replace("-", "").ToLowerInvariant();
        }
    }
}
