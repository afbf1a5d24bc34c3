using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Rendering;

namespace MultiCloud.Engine.LoadBalancing
{
    /// <summary>One forwarded port of a load-balancer node: the role and the mesh addresses it forwards to.</summary>
    public sealed record StreamRole(string LoadBalancer, RoleSpec Role, IReadOnlyList<string> UpstreamAddresses);

    /// <summary>
    /// Renders the nginx stream {} block of a load-balancer node: one upstream per role with passive health checks
    /// (a server that fails max_fails times is skipped for fail_timeout), one server listening on the role's port.
    /// A dead target costs one client the connect timeout, then it is skipped: one failed connect marks it, and the
    /// upstream's shared zone makes every worker process skip it, not only the worker that saw it fail (measured in
    /// the lab: without the zone and with 3 allowed failures, three connections in a row each waited 5 s).
    /// </summary>
    public static class NginxStreamConfig
    {
        public const int MaxFails = 1;
        public const string FailTimeout = "10s";

        /// <summary>Mesh round trips stay well under a second even between continents; 2 s leaves room for one lost SYN.</summary>
        public const string ConnectTimeout = "2s";

        /// <summary>Shared memory for an upstream's server states; a few servers need a few hundred bytes.</summary>
        public const string ZoneSize = "64k";

        public static string Render(string nodeName, IEnumerable<StreamRole> roles)
        {
            var text = new StringBuilder();
            text.Append("# Managed by MultiCloud: load balancing on node ").Append(ConfigValue.Label(nodeName, "node name")).Append(". Changes are overwritten.\n");
            text.Append("stream {\n");
            var first = true;
            foreach (var entry in Ordered(roles))
            {
                if (!first) text.Append('\n');
                first = false;
                AppendRole(text, entry);
            }
            text.Append("}\n");
            return text.ToString();
        }

        /// <summary>The upstream name of a role: letters, digits and underscores only.</summary>
        public static string UpstreamName(string loadBalancer, string role) => "mc_" + Identifier(loadBalancer) + "__" + Identifier(role);

        private static void AppendRole(StringBuilder text, StreamRole entry)
        {
            var role = entry.Role;
            var protocol = role.Protocol == LoadBalancerProtocol.Udp ? "udp" : "tcp";
            var loadBalancer = ConfigValue.Label(entry.LoadBalancer, "load balancer name");
            var roleName = ConfigValue.Label(role.Name, $"role name of load balancer {loadBalancer}");
            var pools = role.TargetPools.Select(pool => ConfigValue.Label(pool, $"target pool of role {roleName}")).ToList();
            text.Append("    # load balancer ").Append(loadBalancer).Append(", role ").Append(roleName).Append(": ")
                .Append(protocol).Append(' ').Append(Number(role.Port)).Append(" -> port ").Append(Number(role.TargetPort))
                .Append(" of pools ").Append(pools.Count == 0 ? "(none)" : string.Join(", ", pools)).Append('\n');
            if (entry.UpstreamAddresses.Count == 0)
            {
                // nginx refuses an empty upstream; with no target node the port is simply not served.
                text.Append("    # no target nodes: not listening on ").Append(Number(role.Port)).Append('\n');
                return;
            }

            var upstream = UpstreamName(entry.LoadBalancer, role.Name);
            text.Append("    upstream ").Append(upstream).Append(" {\n");
            text.Append("        zone ").Append(upstream).Append(' ').Append(ZoneSize).Append(";\n");
            foreach (var address in entry.UpstreamAddresses)
            {
                text.Append("        server ").Append(ConfigValue.Ipv4(address, $"upstream address of role {roleName}")).Append(':').Append(Number(role.TargetPort))
                    .Append(" max_fails=").Append(Number(MaxFails)).Append(" fail_timeout=").Append(FailTimeout).Append(";\n");
            }
            text.Append("    }\n");
            text.Append("    server {\n");
            text.Append("        listen ").Append(Number(role.Port)).Append(role.Protocol == LoadBalancerProtocol.Udp ? " udp" : "").Append(";\n");
            text.Append("        proxy_pass ").Append(upstream).Append(";\n");
            if (role.Protocol == LoadBalancerProtocol.Tcp) text.Append("        proxy_connect_timeout ").Append(ConnectTimeout).Append(";\n");
            if (role.ProxyProtocol) text.Append("        proxy_protocol on;\n");
            text.Append("    }\n");
        }

        /// <summary>The ports nginx must listen on once the configuration is live, for checking after a reload.</summary>
        public static IReadOnlyList<(LoadBalancerProtocol Protocol, int Port)> ListenPorts(IEnumerable<StreamRole> roles) =>
            Ordered(roles).Where(r => r.UpstreamAddresses.Count > 0).Select(r => (r.Role.Protocol, r.Role.Port)).Distinct().ToList();

        private static IEnumerable<StreamRole> Ordered(IEnumerable<StreamRole> roles) =>
            roles.OrderBy(r => r.LoadBalancer, StringComparer.Ordinal).ThenBy(r => r.Role.Name, StringComparer.Ordinal);

        private static string Identifier(string name)
        {
            var identifier = new StringBuilder(name.Length);
            foreach (var c in name) identifier.Append(c < 128 && char.IsLetterOrDigit(c) ? c : '_');
            return identifier.ToString();
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
