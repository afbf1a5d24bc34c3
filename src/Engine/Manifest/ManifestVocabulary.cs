using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>The words of the native manifest: versions, kinds and the spelling of enum values.</summary>
    internal static class ManifestVocabulary
    {
        public const string NativeApiVersion = "multicloud.io/v1";
        public const string ClaudieApiVersion = "claudie.io/v1beta1";
        public const string ClusterKind = "Cluster";

        private static readonly (ProviderType Type, string Name)[] ProviderTypeNames =
        {
            (ProviderType.Azure, "azure"),
            (ProviderType.Aws, "aws"),
            (ProviderType.Hetzner, "hetzner"),
            (ProviderType.Gcp, "gcp"),
            (ProviderType.Oci, "oci"),
            (ProviderType.GenesisCloud, "genesiscloud"),
            (ProviderType.Cloudflare, "cloudflare"),
            (ProviderType.HetznerDns, "hetznerdns"),
        };

        /// <summary>Provider types that can serve DNS records for a load balancer.</summary>
        public static readonly IReadOnlyList<ProviderType> DnsProviderTypes =
            new[] { ProviderType.Cloudflare, ProviderType.HetznerDns, ProviderType.Azure, ProviderType.Aws, ProviderType.Gcp };

        /// <summary>Provider types that can create machines for a dynamic pool.</summary>
        public static readonly IReadOnlyList<ProviderType> MachineProviderTypes =
            new[] { ProviderType.Azure, ProviderType.Aws, ProviderType.Hetzner, ProviderType.Gcp, ProviderType.Oci, ProviderType.GenesisCloud };

        public static IEnumerable<string> ProviderTypes => ProviderTypeNames.Select(p => p.Name);

        public static string Name(ProviderType type) => ProviderTypeNames.First(p => p.Type == type).Name;

        public static bool TryParseProviderType(string text, out ProviderType type)
        {
            foreach (var entry in ProviderTypeNames)
            {
                if (entry.Name == text)
                {
                    type = entry.Type;
                    return true;
                }
            }
            type = default;
            return false;
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
