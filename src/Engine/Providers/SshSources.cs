using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// Where SSH to a provider's machines may come from: the <c>sshAllowedFrom</c> setting, a comma-separated CIDR
    /// list. Without it only the private ranges may connect (an operator on a VPN or in the same private network):
    /// SSH is never open to the whole internet unless the manifest says so, and then the plan warns.
    /// </summary>
    public static class SshSources
    {
        public const string SettingName = "sshAllowedFrom";

        /// <summary>RFC 1918 and IPv6 unique-local ranges.</summary>
        public static readonly IReadOnlyList<string> Default = new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7" };

        /// <summary>The sources a provider's machines accept SSH from.</summary>
        public static IReadOnlyList<string> Of(ProviderSpec provider) =>
            provider.Settings.TryGetValue(SettingName, out var text) && TryParse(text, out var sources) is null ? sources : Default;

        /// <summary>True when the sources let anyone on the internet try SSH.</summary>
        public static bool IsOpenToAll(IEnumerable<string> sources) =>
            sources.Any(source => source == "0.0.0.0/0" || source == "::/0");

        /// <summary>Parses the setting; returns null on success, else what is wrong (for a located manifest error).</summary>
        public static string? TryParse(string text, out IReadOnlyList<string> sources)
        {
            var parsed = new List<string>();
            sources = parsed;
            var parts = text.Split(',').Select(part => part.Trim()).ToList();
            if (parts.All(part => part.Length == 0)) return "the list is empty";
            foreach (var part in parts)
            {
                if (part.Length == 0) return "the list has an empty entry";
                // Host bits after the prefix ("10.1.2.3/8") are refused, as firewall APIs refuse them; how IPNetwork
                // treats them differs between .NET versions, so the base address is compared here.
                var slash = part.IndexOf('/');
                if (slash < 0 || !IPNetwork.TryParse(part, out var network) || !IPAddress.TryParse(part.Substring(0, slash), out var address)
                    || !network.BaseAddress.Equals(address))
                    return "'" + part + "' is not a network in CIDR form (address/prefix, no host bits after the prefix)";
                parsed.Add(network.ToString());
            }
            return null;
        }
    }
}
