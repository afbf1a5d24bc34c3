using System.Collections.Generic;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>Reads spec.loadBalancers: the shared role definitions and the load balancer clusters that use them.</summary>
    internal static class LoadBalancerParser
    {
        private static readonly string[] RoleFields = { "name", "protocol", "port", "targetPort", "targetPools", "target", "settings" };
        private static readonly string[] SettingsFields = { "proxyProtocol", "stickySessions" };
        private static readonly string[] ClusterFields = { "name", "roles", "dns", "targetedK8s", "pools" };
        private static readonly string[] DnsFields = { "dnsZone", "provider", "hostname", "alternativeNames" };

        private static readonly (string Word, RoleTarget Target)[] Targets =
        {
            ("k8sControlPlane", RoleTarget.ControlPlane),
            ("k8sComputePlane", RoleTarget.ComputePlane),
            ("k8sAllNodes", RoleTarget.AllNodes),
        };

        public static (IReadOnlyList<ClaudieRole> Roles, IReadOnlyList<ClaudieLoadBalancerCluster> Clusters) Parse(MappingView spec, ImportContext context)
        {
            var roles = new List<ClaudieRole>();
            var clusters = new List<ClaudieLoadBalancerCluster>();
            var loadBalancers = spec.Mapping("loadBalancers", new[] { "roles", "clusters" });
            if (loadBalancers is null) return (roles, clusters);
            foreach (var (node, path) in loadBalancers.Sequence("roles"))
            {
                var fields = MappingView.Open(context, node, path, RoleFields);
                if (fields != null) roles.Add(ParseRole(fields, context));
            }
            foreach (var (node, path) in loadBalancers.Sequence("clusters"))
            {
                var fields = MappingView.Open(context, node, path, ClusterFields);
                if (fields != null) clusters.Add(ParseCluster(fields));
            }
            return (roles, clusters);
        }

        private static ClaudieRole ParseRole(MappingView fields, ImportContext context)
        {
            var source = new SourceEntries();
            source.Add(string.Empty, fields.Location, fields.Path);
            var name = fields.RequiredString("name");
            var protocolText = fields.RequiredString("protocol");
            var protocol = LoadBalancerProtocol.Tcp;
            if (protocolText.Value.Length > 0 && !ManifestVocabulary.TryParseProtocol(protocolText.Value, out protocol))
                context.Report(protocolText.Location, protocolText.Path, "unknown protocol '" + protocolText.Value + "'", string.Join(", ", ManifestVocabulary.Protocols));
            var port = fields.Int("port", required: true) ?? new Located<int>(0, fields.Location, fields.FieldPath("port"));
            var targetPort = fields.Int("targetPort", required: true) ?? new Located<int>(0, fields.Location, fields.FieldPath("targetPort"));
            source.Add(".name", name);
            source.Add(".protocol", protocolText);
            source.Add(".port", port);
            source.Add(".targetPort", targetPort);

            var targetText = fields.String("target");
            var target = targetText is null ? null : ParseTarget(targetText, context);
            var targetPools = fields.Strings("targetPools");
            if (targetText != null && target is null)
            {
                // An unknown target word leaves the role without targets; that follows from the word already reported.
                source.Add(".targetPools", targetText);
            }
            else if (target is null)
            {
                source.Add(".targetPools", fields.LocationOf("targetPools"), fields.FieldPath("targetPools"));
                for (var i = 0; i < targetPools.Count; i++) source.Add(".targetPools[" + i + "]", targetPools[i]);
                if (!fields.Has("targetPools"))
                    context.Report(fields.Location, fields.FieldPath("targetPools"), "required field 'targetPools' is missing", YamlFields.TextListType);
            }
            else if (fields.Has("targetPools"))
            {
                context.Report(target.Location, target.Path, "target and targetPools are both set", "targetPools (target is the older form of it)");
            }

            var spec = new RoleSpec
            {
                Name = name.Value,
                Protocol = protocol,
                Port = port.Value,
                TargetPort = targetPort.Value,
                TargetPools = target is null ? ToValues(targetPools) : new string[0],
                ProxyProtocol = ParseProxyProtocol(fields, context, protocol, targetPort.Value, source),
            };
            return new ClaudieRole(name, spec, target is null ? targetPools : new Located<string>[0], target, source);
        }

        private static Located<RoleTarget>? ParseTarget(Located<string> text, ImportContext context)
        {
            foreach (var (word, target) in Targets)
                if (word == text.Value) return new Located<RoleTarget>(target, text.Location, text.Path);
            context.Report(text.Location, text.Path, "unknown target '" + text.Value + "'", "k8sControlPlane, k8sComputePlane, k8sAllNodes");
            return null;
        }

        /// <summary>
        /// Claudie turns the PROXY protocol on when a role has no settings, off when settings omit it, and never for
        /// UDP or for the API server (target port 6443); the import keeps what Claudie actually did.
        /// </summary>
        private static bool ParseProxyProtocol(MappingView role, ImportContext context, LoadBalancerProtocol protocol, int targetPort, SourceEntries source)
        {
            var settings = role.Mapping("settings", SettingsFields);
            var requested = true;
            if (settings != null)
            {
                var proxyProtocol = settings.Bool("proxyProtocol");
                requested = proxyProtocol?.Value ?? false;
                source.Add(".proxyProtocol", proxyProtocol ?? new Located<bool>(false, settings.Location, settings.Path));
                var sticky = settings.Bool("stickySessions");
                if (sticky != null && sticky.Value)
                    context.Report(sticky.Location, sticky.Path, "sticky sessions are not supported", "false, or remove the field");
            }
            return requested && protocol == LoadBalancerProtocol.Tcp && targetPort != RoleSpec.ApiServerPort;
        }

        private static ClaudieLoadBalancerCluster ParseCluster(MappingView fields)
        {
            var name = fields.RequiredString("name");
            var roles = fields.Strings("roles", required: true);
            var targeted = fields.RequiredString("targetedK8s");
            var pools = fields.Strings("pools", required: true);

            var source = new SourceEntries();
            source.Add(string.Empty, fields.Location, fields.Path);
            source.Add(".name", name);
            source.Add(".roles", fields.LocationOf("roles"), fields.FieldPath("roles"));
            source.Add(".pools", fields.LocationOf("pools"), fields.FieldPath("pools"));
            for (var i = 0; i < pools.Count; i++) source.Add(".pools[" + i + "]", pools[i]);

            var (dns, dnsProvider) = ParseDns(fields, source);
            return new ClaudieLoadBalancerCluster(name, roles, dns, dnsProvider, targeted, pools, source);
        }

        private static (DnsSpec? Dns, Located<string>? Provider) ParseDns(MappingView cluster, SourceEntries source)
        {
            var fields = cluster.Mapping("dns", DnsFields);
            if (fields is null) return (null, null);
            var zone = fields.RequiredString("dnsZone");
            var provider = fields.RequiredString("provider");
            var hostname = fields.String("hostname");
            var alternativeNames = fields.Strings("alternativeNames");
            source.Add(".dns", fields.Location, fields.Path);
            source.Add(".dns.zone", zone);
            source.Add(".dns.provider", provider);
            source.Add(".dns.hostname", hostname);
            source.Add(".dns.alternativeNames", fields.LocationOf("alternativeNames"), fields.FieldPath("alternativeNames"));
            for (var i = 0; i < alternativeNames.Count; i++) source.Add(".dns.alternativeNames[" + i + "]", alternativeNames[i]);
            var dns = new DnsSpec
            {
                Zone = zone.Value,
                Provider = provider.Value,
                Hostname = hostname is null || hostname.Value.Length == 0 ? null : hostname.Value,
                AlternativeNames = ToValues(alternativeNames),
            };
            return (dns, provider);
        }

        private static IReadOnlyList<string> ToValues(IReadOnlyList<Located<string>> items)
        {
            var values = new string[items.Count];
            for (var i = 0; i < items.Count; i++) values[i] = items[i].Value;
            return values;
        }
    }
}
