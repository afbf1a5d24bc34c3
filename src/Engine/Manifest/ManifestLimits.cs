using System.Globalization;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// The limits every manifest is held to, far above any real cluster and far below what would exhaust the
    /// machine reading it. docs/manifest-limits.md lists them with their reasons; a test keeps the two in step.
    /// </summary>
    public static class ManifestLimits
    {
        /// <summary>Bytes in a manifest file (4 MiB). A cluster at the node limit, written out, is about a tenth of it.</summary>
        public const int MaxFileBytes = 4 * 1024 * 1024;

        /// <summary>Nesting of maps and lists in one document. The deepest field MultiCloud reads is 8 levels down.</summary>
        public const int MaxDepth = 32;

        /// <summary>Aliases (*name) in one document.</summary>
        public const int MaxAliases = 1000;

        /// <summary>Nodes of one document once every alias is replaced by what it points at ("billion laughs").</summary>
        public const int MaxExpandedNodes = 1_000_000;

        /// <summary>
        /// Nodes in one pool: a count, an autoscaler's max, or a static pool's machines. Kubernetes itself is tested
        /// up to 5,000 nodes per cluster.
        /// </summary>
        public const int MaxNodesPerPool = 5000;

        /// <summary>Nodes in one cluster, every pool at its largest (autoscalers at max), load balancers included.</summary>
        public const int MaxNodesPerCluster = 20000;

        public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
