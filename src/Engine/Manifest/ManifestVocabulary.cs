using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>The words of the native manifest: versions, kinds and the spelling of enum values.</summary>
    internal static class ManifestVocabulary
    {
        public const string NativeApiVersion = "multicloud.io/v1";
        public const string ClaudieApiVersion = "claudie.io/v1beta1";
        public const string ClusterKind = "Cluster";

        // Provider types are described in one place, each in its folder under Providers/: these only read the catalog.

        /// <summary>Provider types that can serve DNS records for a load balancer.</summary>
        public static IReadOnlyList<ProviderType> DnsProviderTypes => ProviderCatalog.Default.TypesThatCan(ProviderCapabilities.Dns);

        /// <summary>Provider types that can create machines for a dynamic pool.</summary>
        public static IReadOnlyList<ProviderType> MachineProviderTypes => ProviderCatalog.Default.TypesThatCan(ProviderCapabilities.Machines);

        public static IEnumerable<string> ProviderTypes => ProviderCatalog.Default.Descriptors.Select(d => d.ManifestName);

        public static string Name(ProviderType type) => ProviderCatalog.Default.Describe(type).ManifestName;

        public static bool TryParseProviderType(string text, out ProviderType type)
        {
            var descriptor = ProviderCatalog.Default.FindByManifestName(text);
            type = descriptor?.Type ?? default;
            return descriptor != null;
        }

        public static IEnumerable<string> TaintEffects => Enum.GetNames(typeof(TaintEffect));

        public static bool TryParseTaintEffect(string text, out TaintEffect effect)
        {
            foreach (TaintEffect candidate in Enum.GetValues(typeof(TaintEffect)))
            {
                if (candidate.ToString() == text)
                {
                    effect = candidate;
                    return true;
                }
            }
            effect = default;
            return false;
        }

        public static string Name(LoadBalancerProtocol protocol) => protocol == LoadBalancerProtocol.Udp ? "udp" : "tcp";

        public static IEnumerable<string> Protocols => new[] { "tcp", "udp" };

        public static bool TryParseProtocol(string text, out LoadBalancerProtocol protocol)
        {
            protocol = text == "udp" ? LoadBalancerProtocol.Udp : LoadBalancerProtocol.Tcp;
            return text == "tcp" || text == "udp";
        }

        /// <summary>"a, b or c" for messages.</summary>
        public static string OneOf(IEnumerable<string> values)
        {
            var list = values.ToList();
            if (list.Count == 0) return string.Empty;
            if (list.Count == 1) return list[0];
            return string.Join(", ", list.Take(list.Count - 1)) + " or " + list[list.Count - 1];
        }
    }
}
