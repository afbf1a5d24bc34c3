using System.Linq;
using MultiCloud.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Reads one entry of spec.loadBalancers with its roles and DNS record.</summary>
    internal static class NativeLoadBalancerReader
    {
        private static readonly string[] RoleFields = { "name", "protocol", "port", "targetPort", "targetPools", "proxyProtocol" };

        public static LoadBalancerSpec Read(string path, YamlMappingNode node, ReadContext context)
        {
            var fields = new YamlFields(node, path, context, "name", "pools", "roles", "dns");
            return new LoadBalancerSpec
            {
                Name = fields.Text("name", required: true) ?? string.Empty,
                Pools = fields.TextList("pools", required: true),
                Roles = fields.MapItems("roles", required: true).Select(item => ReadRole(item.Path, item.Node, context)).ToList(),
                Dns = ReadDns(fields, context),
            };
        }

        private static RoleSpec ReadRole(string path, YamlMappingNode node, ReadContext context)
        {
            var fields = new YamlFields(node, path, context, RoleFields);
            var protocolText = fields.Text("protocol");
            var protocol = LoadBalancerProtocol.Tcp;
            if (protocolText != null && !ManifestVocabulary.TryParseProtocol(protocolText, out protocol))
                context.Report(fields.PathOf("protocol"), "unknown protocol '" + protocolText + "'", string.Join(", ", ManifestVocabulary.Protocols));

            return new RoleSpec
            {
                Name = fields.Text("name", required: true) ?? string.Empty,
                Protocol = protocol,
                Port = fields.Number("port", required: true) ?? 0,
                TargetPort = fields.Number("targetPort", required: true) ?? 0,
                TargetPools = fields.TextList("targetPools", required: true),
                ProxyProtocol = fields.Flag("proxyProtocol") ?? false,
            };
        }

        private static DnsSpec? ReadDns(YamlFields loadBalancer, ReadContext context)
        {
            var node = loadBalancer.Map("dns");
            if (node is null) return null;
            var fields = new YamlFields(node, loadBalancer.PathOf("dns"), context, "zone", "provider", "hostname", "alternativeNames");
            return new DnsSpec
            {
                Zone = fields.Text("zone", required: true) ?? string.Empty,
                Provider = fields.Text("provider", required: true) ?? string.Empty,
                Hostname = fields.Text("hostname"),
                AlternativeNames = fields.TextList("alternativeNames"),
            };
        }
    }
}
