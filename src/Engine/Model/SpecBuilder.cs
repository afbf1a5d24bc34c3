using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MultiCloud.Engine.Model
{
    /// <summary>
    /// Builds specs from front-end parameters (PowerShell hashtables, strings). Shape errors fail here with
    /// InvalidArgument; the rules of a valid cluster are the manifest validator's, run on the finished spec.
    /// </summary>
    public static class SpecBuilder
    {
        public static ClusterSpec Cluster(string name, string kubernetesVersion, string network, int? mtu,
            IEnumerable<ProviderSpec> providers, IEnumerable<NodePoolDefinition> pools, IEnumerable<LoadBalancerSpec> loadBalancers)
        {
            var definitions = pools.ToList();
            var lbs = loadBalancers.ToList();
            foreach (var lbPool in definitions.Where(d => d.Role == NodeRole.LoadBalancer))
            {
                var index = lbs.FindIndex(lb => lb.Name == lbPool.LoadBalancer);
                if (index < 0)
                    throw Invalid($"node pool '{lbPool.Pool.Name}' is for load balancer '{lbPool.LoadBalancer}', which is not among the load balancers given");
                if (!lbs[index].Pools.Contains(lbPool.Pool.Name))
                    lbs[index] = lbs[index] with { Pools = lbs[index].Pools.Append(lbPool.Pool.Name).ToList() };
            }
            return new ClusterSpec
            {
                Name = name,
                Providers = providers.ToList(),
                NodePools = definitions.Select(d => d.Pool).OrderBy(p => p is StaticNodePoolSpec ? 1 : 0).ToList(),
                Kubernetes = new KubernetesSpec
                {
                    Version = kubernetesVersion,
                    Network = network,
                    Mtu = mtu ?? KubernetesSpec.DefaultMtu,
                    ControlPools = definitions.Where(d => d.Role == NodeRole.Control).Select(d => d.Pool.Name).ToList(),
                    ComputePools = definitions.Where(d => d.Role == NodeRole.Compute).Select(d => d.Pool.Name).ToList(),
                },
                LoadBalancers = lbs,
            };
        }

        public static ProviderSpec Provider(string name, string type, IDictionary? settings, IDictionary? credentials) => new ProviderSpec
        {
            Name = name,
            Type = ParseProviderType(type),
            Settings = Strings(settings, "-Setting"),
            Credentials = Strings(credentials, "-Credential").ToDictionary(kv => kv.Key, kv => ParseCredential(kv.Value), StringComparer.Ordinal),
        };

        public static DynamicNodePoolSpec DynamicPool(DynamicPoolParameters p)
        {
            if (p.Count is not null && (p.AutoscalerMin is not null || p.AutoscalerMax is not null))
                throw Invalid($"node pool '{p.Name}': give either a count or autoscaler bounds, not both");
            if ((p.AutoscalerMin is null) != (p.AutoscalerMax is null))
                throw Invalid($"node pool '{p.Name}': give both the autoscaler minimum and maximum");
            return new DynamicNodePoolSpec
            {
                Name = p.Name,
                Provider = p.Provider,
                Region = p.Region,
                Zone = p.Zone,
                ServerType = p.ServerType,
                Image = p.Image,
                Count = p.Count,
                Autoscaler = p.AutoscalerMin is int min && p.AutoscalerMax is int max ? new AutoscalerSpec(min, max) : null,
                DiskSizeGb = p.DiskSizeGb,
                Labels = Strings(p.Metadata.Labels, "-Label"),
                Taints = (p.Metadata.Taints ?? new string[0]).Select(ParseTaint).ToList(),
                Annotations = Strings(p.Metadata.Annotations, "-Annotation"),
            };
        }

        public static StaticNodePoolSpec StaticPool(StaticPoolParameters p) => new StaticNodePoolSpec
        {
            Name = p.Name,
            Nodes = p.Endpoints.Select(e => StaticNode(e, p)).ToList(),
            Labels = Strings(p.Metadata.Labels, "-Label"),
            Taints = (p.Metadata.Taints ?? new string[0]).Select(ParseTaint).ToList(),
            Annotations = Strings(p.Metadata.Annotations, "-Annotation"),
        };

        /// <summary>A load balancer; each role is a dictionary with Name, Port, TargetPort, TargetPools and optional Protocol, ProxyProtocol.</summary>
        public static LoadBalancerSpec LoadBalancer(string name, IEnumerable<string> pools, IEnumerable<IDictionary> roles,
            string? dnsZone, string? dnsProvider, string? hostname, IEnumerable<string>? alternativeNames) => new LoadBalancerSpec
        {
            Name = name,
            Pools = pools.ToList(),
            Roles = roles.Select(Role).ToList(),
            Dns = dnsZone is null && dnsProvider is null ? null : new DnsSpec
            {
                Zone = dnsZone ?? throw Invalid($"load balancer '{name}': a DNS provider needs a DNS zone"),
                Provider = dnsProvider ?? throw Invalid($"load balancer '{name}': a DNS zone needs a DNS provider"),
                Hostname = hostname,
                AlternativeNames = (alternativeNames ?? new string[0]).ToList(),
            },
        };

        public static RoleSpec Role(IDictionary role)
        {
            var known = new[] { "Name", "Protocol", "Port", "TargetPort", "TargetPools", "ProxyProtocol" };
            var keys = role.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? "").ToList();
            var unknown = keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
                throw Invalid($"load balancer role has unknown key(s) {string.Join(", ", unknown)}; allowed: {string.Join(", ", known)}");
            object? Get(string key) => keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) is string k ? role[k] : null;
            var roleName = Get("Name") is object named ? Convert.ToString(named, CultureInfo.InvariantCulture) ?? "" : "";
            if (roleName.Length == 0) throw Invalid("load balancer role needs a Name");
            return new RoleSpec
            {
                Name = roleName,
                Protocol = Get("Protocol") is object protocol ? ParseEnum<LoadBalancerProtocol>(protocol.ToString() ?? "", "Protocol") : LoadBalancerProtocol.Tcp,
                Port = Number(Get("Port"), roleName, "Port"),
                TargetPort = Number(Get("TargetPort"), roleName, "TargetPort"),
                TargetPools = Get("TargetPools") switch
                {
                    null => new string[0],
                    string single => new[] { single },
                    IEnumerable many => many.Cast<object>().Select(o => o.ToString() ?? "").ToList(),
                    var other => new[] { other.ToString() ?? "" },
                },
                ProxyProtocol = Get("ProxyProtocol") is object proxy && Flag(proxy, roleName, "ProxyProtocol"),
            };
        }

        /// <summary>"env:NAME", "file:PATH", "secret:NAME" or "secret:VAULT/NAME".</summary>
        public static CredentialRef ParseCredential(string text)
        {
            var colon = text.IndexOf(':');
            var source = colon > 0 ? text.Substring(0, colon) : "";
            var reference = colon > 0 ? text.Substring(colon + 1) : "";
            if (reference.Length == 0) throw Invalid($"credential reference '{text}' must look like env:NAME, file:PATH or secret:[VAULT/]NAME");
            switch (source.ToLowerInvariant())
            {
                case "env": return new CredentialRef(CredentialSource.Env, reference);
                case "file": return new CredentialRef(CredentialSource.File, reference);
                case "secret":
                    var slash = reference.IndexOf('/');
                    if (slash < 0) return new CredentialRef(CredentialSource.Secret, reference);
                    if (slash == 0 || slash == reference.Length - 1)
                        throw Invalid($"credential reference '{text}' must look like env:NAME, file:PATH or secret:[VAULT/]NAME");
                    return new CredentialRef(CredentialSource.Secret, reference.Substring(slash + 1), reference.Substring(0, slash));
                default: throw Invalid($"credential reference '{text}' has unknown source '{source}'; allowed: env, file, secret");
            }
        }

        /// <summary>"key=value:Effect" or "key:Effect".</summary>
        public static TaintSpec ParseTaint(string text)
        {
            var colon = text.LastIndexOf(':');
            if (colon <= 0) throw Invalid($"taint '{text}' must look like key=value:Effect (Effect: NoSchedule, PreferNoSchedule, NoExecute)");
            var effect = ParseEnum<TaintEffect>(text.Substring(colon + 1), "taint effect");
            var pair = text.Substring(0, colon);
            var equals = pair.IndexOf('=');
            return equals < 0 ? new TaintSpec(pair, null, effect) : new TaintSpec(pair.Substring(0, equals), pair.Substring(equals + 1), effect);
        }

        public static ProviderType ParseProviderType(string type) => ParseEnum<ProviderType>(type, "provider type");

        private static StaticNodeSpec StaticNode(string endpoint, StaticPoolParameters p)
        {
            var user = p.User ?? "root";
            var at = endpoint.IndexOf('@');
            if (at >= 0) { user = endpoint.Substring(0, at); endpoint = endpoint.Substring(at + 1); }
            var port = p.Port ?? 22;
            var colon = endpoint.LastIndexOf(':');
            if (colon > 0 && endpoint.IndexOf(':') == colon)
            {
                if (!int.TryParse(endpoint.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port))
                    throw Invalid($"endpoint '{endpoint}' has a port that is not a number");
                endpoint = endpoint.Substring(0, colon);
            }
            return new StaticNodeSpec
            {
                Endpoint = endpoint,
                User = user,
                Port = port,
                PrivateKey = p.PrivateKeyPath is null ? null : new CredentialRef(CredentialSource.File, p.PrivateKeyPath),
            };
        }

        private static Dictionary<string, string> Strings(IDictionary? table, string parameter)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (table is null) return result;
            foreach (DictionaryEntry entry in table)
            {
                var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                if (entry.Value is null) throw Invalid($"{parameter}: the value of '{key}' is empty");
                result[key] = Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? "";
            }
            return result;
        }

        private static int Number(object? value, string role, string key)
        {
            if (value is null) throw Invalid($"load balancer role '{role}' needs {key}");
            try { return Convert.ToInt32(value, CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
            { throw Invalid($"load balancer role '{role}': {key} '{value}' is not a whole number"); }
        }

        private static bool Flag(object value, string role, string key)
        {
            if (value is bool flag) return flag;
            if (bool.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), out var parsed)) return parsed;
            throw Invalid($"load balancer role '{role}': {key} '{value}' is not true or false");
        }

        // By name only: Enum.TryParse also takes numbers ("1") and comma lists ("aws,hetzner"), which no user means.
        private static T ParseEnum<T>(string text, string what) where T : struct
        {
            var name = Enum.GetNames(typeof(T)).FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is not null) return (T)Enum.Parse(typeof(T), name);
            throw Invalid($"{what} '{text}' is not known; allowed: {string.Join(", ", Enum.GetNames(typeof(T)).Select(n => n.ToLowerInvariant()))}");
        }

        private static MultiCloudException Invalid(string message) =>
            new MultiCloudException(ErrorIds.InvalidParameter, ErrorKind.InvalidArgument, message);
    }
}
