using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Client
{
    /// <summary>Whether two specs ask for the same cluster, field by field (records compare their lists by reference).</summary>
    internal static class SpecIdentity
    {
        public static bool Same(ClusterSpec first, ClusterSpec second) => Hash(first) == Hash(second);

        private static string Hash(ClusterSpec spec)
        {
            var text = new CanonicalText();
            SpecCanonicalText.Write(text, spec);
            return text.Hash();
        }
    }
}
