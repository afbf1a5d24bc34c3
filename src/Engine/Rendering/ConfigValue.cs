using System;
using MultiCloud.Engine.Manifest;

namespace MultiCloud.Engine.Rendering
{
    /// <summary>
    /// The one rule for every configuration file, unit and script MultiCloud renders: a value from state or a
    /// manifest goes into the text only through this class, which checks it against the exact grammar of its
    /// field (an IPv4 address, a WireGuard key, a DNS label …) and refuses anything else, so no value can start a
    /// new line, section, directive or command, whatever slipped past the checks on load. Free text that has no
    /// such grammar (annotation values) never goes into rendered text: it travels as data (API objects) or as one
    /// quoted word (BashText.Quote).
    /// </summary>
    public static class ConfigValue
    {
        public static string Ipv4(string value, string field) => Require(value, field, ValueGrammar.IsIpv4, ValueGrammar.Ipv4Rule);

        /// <summary>An IPv4 network in CIDR form ("10.244.3.0/24"), dotted-decimal.</summary>
        public static string Ipv4Network(string value, string field) =>
            Require(value, field, text => Manifest.Ipv4Network.TryParse(text, out _), "an IPv4 network in CIDR form, such as 10.244.3.0/24");

        public static string WireGuardKey(string value, string field) => Require(value, field, ValueGrammar.IsWireGuardKey, ValueGrammar.WireGuardKeyRule);

        /// <summary>A node, pool, load balancer or role name: a DNS label.</summary>
        public static string Label(string value, string field) => Require(value, field, text => DnsNames.IsLabel(text), NamingRules.LabelAllowed);

        /// <summary>An IP address or host name a node is reached on.</summary>
        public static string Endpoint(string value, string field) => Require(value, field, DnsNames.IsEndpoint, DnsNames.EndpointRule);

        /// <summary>Returns <paramref name="value"/> when it fits its grammar; otherwise fails with UnsafeConfigValue naming the field.</summary>
        public static string Require(string? value, string field, Func<string, bool> grammar, string rule)
        {
            if (value != null && !DisplayText.HasControlCharacters(value) && grammar(value)) return value;
            throw new MultiCloudException(ErrorIds.UnsafeConfigValue, ErrorKind.InvalidData,
                $"{field} is '{(value is null ? "(null)" : DisplayText.Escape(Shorten(value)))}', which is not {rule}; it is not written into any configuration. " +
                "The value comes from the cluster's state or spec: check them (Get-MCNode, state.json) and correct or restore them")
            {
                Target = field,
            };
        }

        private static string Shorten(string value) => value.Length <= 120 ? value : value.Substring(0, 120) + "…";
    }
}
