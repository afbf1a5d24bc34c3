using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>
    /// Where the Kubernetes API is reached: the load balancer with the API-server role (port 6443), by its DNS name
    /// when it has DNS, else by its first node's public address; a cluster without such a load balancer uses its
    /// first control node. <see cref="CertificateNames"/> are every name and address clients may use.
    /// </summary>
    public sealed record ApiEndpoint(string Host, int Port, IReadOnlyList<string> CertificateNames)
    {
        public string HostPort => (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

        public string Url => "https://" + HostPort;

        public static ApiEndpoint Of(ClusterSpec spec, IReadOnlyList<NodeState> nodes)
        {
            var names = new List<string>();
            var loadBalancer = spec.LoadBalancers.FirstOrDefault(lb => lb.Roles.Any(r => r.IsApiServer));
            if (loadBalancer != null)
            {
                var role = loadBalancer.Roles.First(r => r.IsApiServer);
                var lbNodes = nodes.Where(n => loadBalancer.Pools.Contains(n.Pool)).OrderBy(n => n.Name, NodeNameOrder.Instance).ToList();
                if (loadBalancer.Dns is DnsSpec dns && dns.Hostname != null)
                {
                    names.Add(dns.Hostname + "." + dns.Zone);
                    names.AddRange(dns.AlternativeNames.Select(a => a + "." + dns.Zone));
                }
                names.AddRange(lbNodes.Select(n => n.PublicAddress).OfType<string>());
                if (names.Count > 0) return new ApiEndpoint(names[0], role.Port, Distinct(names));
            }
            var first = nodes.Where(n => n.Role == NodeRole.Control).OrderBy(n => n.Name, NodeNameOrder.Instance).FirstOrDefault()
                ?? throw new MultiCloudException(ErrorIds.KubernetesNotReady, ErrorKind.InvalidData,
                    $"cluster '{spec.Name}' has neither an API load balancer node nor a control node, so there is no API endpoint") { Target = spec.Name };
            var address = first.PublicAddress ?? first.MeshAddress;
            names.Add(address);
            names.AddRange(nodes.Where(n => n.Role == NodeRole.Control).Select(n => n.PublicAddress).OfType<string>());
            return new ApiEndpoint(address, RoleSpec.ApiServerPort, Distinct(names));
        }

        private static IReadOnlyList<string> Distinct(IEnumerable<string> names) => names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
