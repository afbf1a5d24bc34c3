using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Load balancer shape, role ports and DNS names.</summary>
    internal static class LoadBalancerRules
    {
        public const int SshPort = 22;
        public const int WireGuardPort = 51820;
        public const string ListenPortRange = "1 to 65535 except 22 (SSH) and 51820 (WireGuard)";
        public const string RecordNameForm = "DNS labels separated by dots, such as api or api.eu";

        public static void Check(ClusterCheck check)
        {
            var loadBalancers = check.Cluster.LoadBalancers;
            (string Role, string LoadBalancer)? apiServer = null;
            for (var l = 0; l < loadBalancers.Count; l++)
            {
                var loadBalancer = loadBalancers[l];
                var path = ManifestPaths.LoadBalancer(l);
                if (loadBalancer.Pools.Count == 0)
                    check.Report(ManifestPaths.Field(path, "pools"), "a load balancer needs at least one pool", ClusterCheck.NamesOrNone(check.PoolNames));
                if (loadBalancer.Roles.Count == 0)
                    check.Report(ManifestPaths.Field(path, "roles"), "a load balancer needs at least one role", "a list of roles with name, port, targetPort and targetPools");

                var listeners = new Dictionary<(int, LoadBalancerProtocol), string>();
                for (var r = 0; r < loadBalancer.Roles.Count; r++)
                {
                    var role = loadBalancer.Roles[r];
                    var portPath = ManifestPaths.Field(ManifestPaths.Role(l, r), "port");
                    CheckPorts(check, ManifestPaths.Role(l, r), role);

                    var listener = (role.Port, role.Protocol);
                    if (listeners.TryGetValue(listener, out var other))
                    {
                        check.Report(portPath, "port " + ClusterCheck.Number(role.Port) + "/" + ManifestVocabulary.Name(role.Protocol) + " is already used by role '" + other + "'",
                            "a port and protocol no other role of this load balancer uses");
                        continue;
                    }
                    listeners[listener] = role.Name;

                    if (!role.IsApiServer) continue;
                    if (apiServer is null)
                        apiServer = (role.Name, loadBalancer.Name);
                    else
                        check.Report(portPath, "role '" + apiServer.Value.Role + "' of load balancer '" + apiServer.Value.LoadBalancer + "' already serves the API server",
                            "one role on port " + ClusterCheck.Number(RoleSpec.ApiServerPort) + " per cluster");
                }

                if (loadBalancer.Dns != null) CheckDns(check, ManifestPaths.Dns(l), loadBalancer.Dns);
            }
        }

        private static void CheckPorts(ClusterCheck check, string rolePath, RoleSpec role)
        {
            var portPath = ManifestPaths.Field(rolePath, "port");
            if (role.Port < 1 || role.Port > 65535)
                check.Report(portPath, "port " + ClusterCheck.Number(role.Port) + " is out of range", ListenPortRange);
            else if (role.Port == SshPort)
                check.Report(portPath, "port 22 is reserved for SSH on load balancer nodes", ListenPortRange);
            else if (role.Port == WireGuardPort)
                check.Report(portPath, "port 51820 is reserved for WireGuard on load balancer nodes", ListenPortRange);

            if (role.TargetPort < 1 || role.TargetPort > 65535)
                check.Report(ManifestPaths.Field(rolePath, "targetPort"), "targetPort " + ClusterCheck.Number(role.TargetPort) + " is out of range", PoolRules.PortRange);
        }

        private static void CheckDns(ClusterCheck check, string path, DnsSpec dns)
        {
            if (!DnsNames.IsHostName(dns.Zone))
                check.Report(ManifestPaths.Field(path, "zone"), "'" + dns.Zone + "' is not a DNS zone name", "a domain such as example.com");
            if (dns.Hostname != null && !DnsNames.IsRecordName(dns.Hostname))
                check.Report(ManifestPaths.Field(path, "hostname"), "'" + dns.Hostname + "' is not a valid host name", RecordNameForm);
            for (var i = 0; i < dns.AlternativeNames.Count; i++)
            {
                var name = dns.AlternativeNames[i];
                if (!DnsNames.IsRecordName(name))
                    check.Report(ManifestPaths.Item(ManifestPaths.Field(path, "alternativeNames"), i), "'" + name + "' is not a valid host name", RecordNameForm);
            }
        }
    }
}
