using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Wording shared by task and step descriptions. Descriptions are read in plans, -WhatIf and in
    /// "not supported yet: …" errors, so they are short lowercase phrases that name counts and nodes.
    /// </summary>
    internal static class Describe
    {
        /// <summary>Longer lists are cut to their first <see cref="ListedNames"/>, so a 1000-node plan stays readable.</summary>
        private const int AllNamesUpTo = 10;

        private const int ListedNames = 8;

        public static string Count(int count, string singular, string plural) =>
            count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);

        /// <summary>"3 nodes (a, b, c)".</summary>
        public static string Nodes(IReadOnlyCollection<string> names, string singular = "node", string plural = "nodes") =>
            Count(names.Count, singular, plural) + " (" + Names(names) + ")";

        /// <summary>"a, b, c", or the first few and "… and 992 more".</summary>
        public static string Names(IReadOnlyCollection<string> names)
        {
            if (names.Count <= AllNamesUpTo) return string.Join(", ", names);
            var rest = names.Count - ListedNames;
            return string.Join(", ", names.Take(ListedNames)) + " and " + rest.ToString(CultureInfo.InvariantCulture) + " more";
        }

        public static string Role(NodeRole role) => role switch
        {
            NodeRole.Control => "control plane",
            NodeRole.Compute => "compute",
            _ => "load balancer",
        };

        public static string ProviderType(ProviderType type) => Providers.ProviderCatalog.Default.Describe(type).DisplayName;

        /// <summary>"user@host:port" for a machine reached over SSH.</summary>
        public static string Endpoint(string user, string? host, int port) =>
            user + "@" + (host ?? "?") + ":" + port.ToString(CultureInfo.InvariantCulture);

        /// <summary>"fsn1" or "westeurope zone 2".</summary>
        public static string Location(string region, string? zone) => zone is null ? region : region + " zone " + zone;
    }
}
