using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Writes every field of a <see cref="ClusterSpec"/> into a <see cref="CanonicalText"/>. Lists keep the order the
    /// user gave (it can matter); dictionaries are sorted by key. Credential references are locations, not secrets.
    /// </summary>
    internal static class SpecCanonicalText
    {
        public static void Write(CanonicalText text, ClusterSpec spec)
        {
            text.Add("spec", spec.Name);
            WriteKubernetes(text, spec.Kubernetes);
            foreach (var provider in spec.Providers) WriteProvider(text, provider);
            foreach (var pool in spec.NodePools) WritePool(text, pool);
            foreach (var loadBalancer in spec.LoadBalancers) WriteLoadBalancer(text, loadBalancer);
            text.Add("storage.longhornVersion", spec.Storage.LonghornVersion);
        }

        /// <summary>Adds a dictionary in key order.</summary>
        public static void WriteSorted(CanonicalText text, string tag, IReadOnlyDictionary<string, string> values)
        {
            text.Add(tag + ".count", values.Count);
            foreach (var key in values.Keys.OrderBy(k => k, StringComparer.Ordinal))
                text.Add(tag + ".key", key).Add(tag + ".value", values[key]);
        }

        public static void WriteTaints(CanonicalText text, IReadOnlyList<TaintSpec> taints)
        {
            text.Add("taints.count", taints.Count);
            foreach (var taint in taints)
                text.Add("taint.key", taint.Key).Add("taint.value", taint.Value).Add("taint.effect", taint.Effect.ToString());
        }

        private static void WriteKubernetes(CanonicalText text, KubernetesSpec kubernetes)
        {
            text.Add("kubernetes.version", kubernetes.Version)
                .Add("kubernetes.network", kubernetes.Network)
                .Add("kubernetes.mtu", kubernetes.Mtu);
            WriteList(text, "kubernetes.controlPools", kubernetes.ControlPools);
            WriteList(text, "kubernetes.computePools", kubernetes.ComputePools);
            text.Add("kubernetes.podNetwork", kubernetes.PodNetwork)
                .Add("kubernetes.serviceNetwork", kubernetes.ServiceNetwork)
                .Add("kubernetes.etcdVersion", kubernetes.EtcdVersion)
                .Add("kubernetes.drainTimeoutSeconds", kubernetes.DrainTimeoutSeconds)
                .Add("kubernetes.sources.packages", kubernetes.Sources.Packages)
                .Add("kubernetes.sources.packagesKey", kubernetes.Sources.PackagesKey)
                .Add("kubernetes.sources.downloads", kubernetes.Sources.Downloads)
                .Add("kubernetes.sources.longhorn", kubernetes.Sources.Longhorn);
        }

        private static void WriteProvider(CanonicalText text, ProviderSpec provider)
        {
            text.Add("provider", provider.Name).Add("provider.type", provider.Type.ToString());
            WriteSorted(text, "provider.settings", provider.Settings);
            text.Add("provider.credentials.count", provider.Credentials.Count);
            foreach (var key in provider.Credentials.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                text.Add("provider.credential.key", key);
                WriteCredential(text, "provider.credential", provider.Credentials[key]);
            }
        }

        private static void WritePool(CanonicalText text, NodePoolSpec pool)
        {
            text.Add("pool", pool.Name);
            WriteSorted(text, "pool.labels", pool.Labels);
            WriteTaints(text, pool.Taints);
            WriteSorted(text, "pool.annotations", pool.Annotations);
            switch (pool)
            {
                case DynamicNodePoolSpec dynamic:
                    text.Add("pool.kind", "dynamic")
                        .Add("pool.provider", dynamic.Provider)
                        .Add("pool.region", dynamic.Region)
                        .Add("pool.zone", dynamic.Zone)
                        .Add("pool.serverType", dynamic.ServerType)
                        .Add("pool.image", dynamic.Image)
                        .Add("pool.count", dynamic.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture))
                        .Add("pool.autoscaler", dynamic.Autoscaler is null ? null : dynamic.Autoscaler.Min + ".." + dynamic.Autoscaler.Max)
                        .Add("pool.diskSizeGb", dynamic.DiskSizeGb?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case StaticNodePoolSpec staticPool:
                    text.Add("pool.kind", "static").Add("pool.nodes.count", staticPool.Nodes.Count);
                    foreach (var node in staticPool.Nodes)
                    {
                        text.Add("node.name", node.Name)
                            .Add("node.endpoint", node.Endpoint)
                            .Add("node.user", node.User)
                            .Add("node.port", node.Port);
                        WriteCredential(text, "node.privateKey", node.PrivateKey);
                        text.Add("node.hostKeyFingerprint", node.HostKeyFingerprint);
                    }
                    break;
                default:
                    text.Add("pool.kind", pool.GetType().Name);
                    break;
            }
        }

        // Source, vault and reference as separate values: their display form ("secret:vault/name") is ambiguous.
        private static void WriteCredential(CanonicalText text, string tag, CredentialRef? credential) =>
            text.Add(tag + ".source", credential?.Source.ToString())
                .Add(tag + ".vault", credential?.Vault)
                .Add(tag + ".reference", credential?.Reference);

        private static void WriteLoadBalancer(CanonicalText text, LoadBalancerSpec loadBalancer)
        {
            text.Add("loadBalancer", loadBalancer.Name);
            WriteList(text, "loadBalancer.pools", loadBalancer.Pools);
            text.Add("loadBalancer.roles.count", loadBalancer.Roles.Count);
            foreach (var role in loadBalancer.Roles)
            {
                text.Add("role", role.Name)
                    .Add("role.protocol", role.Protocol.ToString())
                    .Add("role.port", role.Port)
                    .Add("role.targetPort", role.TargetPort)
                    .Add("role.proxyProtocol", role.ProxyProtocol);
                WriteList(text, "role.targetPools", role.TargetPools);
            }
            WriteDns(text, loadBalancer.Dns);
        }

        private static void WriteDns(CanonicalText text, DnsSpec? dns)
        {
            if (dns is null)
            {
                text.Add("dns", null);
                return;
            }
            text.Add("dns.zone", dns.Zone).Add("dns.provider", dns.Provider).Add("dns.hostname", dns.Hostname);
            WriteList(text, "dns.alternativeNames", dns.AlternativeNames);
        }

        private static void WriteList(CanonicalText text, string tag, IReadOnlyList<string> values)
        {
            text.Add(tag + ".count", values.Count);
            foreach (var value in values) text.Add(tag, value);
        }
    }
}
