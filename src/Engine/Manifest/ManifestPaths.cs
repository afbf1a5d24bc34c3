using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Field paths in the native manifest's vocabulary ("spec.nodePools.dynamic[1].count"). Every reader registers
    /// its <see cref="SourceMap"/> entries under these keys, so validation can locate a field whatever dialect it came from.
    /// </summary>
    public static class ManifestPaths
    {
        public const string ApiVersion = "apiVersion";
        public const string Kind = "kind";
        public const string Metadata = "metadata";
        public const string MetadataName = "metadata.name";
        public const string Spec = "spec";
        public const string Providers = "spec.providers";
        public const string NodePools = "spec.nodePools";
        public const string DynamicPools = "spec.nodePools.dynamic";
        public const string StaticPools = "spec.nodePools.static";
        public const string Kubernetes = "spec.kubernetes";
        public const string KubernetesPools = "spec.kubernetes.pools";
        public const string ControlPools = "spec.kubernetes.pools.control";
        public const string ComputePools = "spec.kubernetes.pools.compute";
        public const string LoadBalancers = "spec.loadBalancers";
        public const string KubernetesSources = "spec.kubernetes.sources";
        public const string Storage = "spec.storage";

        /// <summary>"parent.field".</summary>
        public static string Field(string parent, string field) => parent.Length == 0 ? field : parent + "." + field;

        /// <summary>"parent[index]".</summary>
        public static string Item(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

        public static string Provider(int index) => Item(Providers, index);

        public static string Provider(ClusterSpec cluster, ProviderSpec provider) => Provider(IndexOf(cluster.Providers, provider, p => p.Name == provider.Name));

        /// <summary>The credential entry of a provider: "spec.providers[0].credentials.clientSecret".</summary>
        public static string Credential(int providerIndex, string secretName) => Field(Field(Provider(providerIndex), "credentials"), secretName);

        public static string DynamicPool(int index) => Item(DynamicPools, index);

        public static string StaticPool(int index) => Item(StaticPools, index);

        /// <summary>The path of a pool: dynamic and static pools are counted separately, each in <see cref="ClusterSpec.NodePools"/> order.</summary>
        public static string Pool(ClusterSpec cluster, NodePoolSpec pool)
        {
            if (pool is DynamicNodePoolSpec)
                return DynamicPool(IndexOf(cluster.NodePools.OfType<DynamicNodePoolSpec>().ToList(), (DynamicNodePoolSpec)pool, p => p.Name == pool.Name));
            return StaticPool(IndexOf(cluster.NodePools.OfType<StaticNodePoolSpec>().ToList(), (StaticNodePoolSpec)pool, p => p.Name == pool.Name));
        }

        public static string StaticNode(int poolIndex, int nodeIndex) => Item(Field(StaticPool(poolIndex), "nodes"), nodeIndex);

        public static string StaticNode(ClusterSpec cluster, StaticNodePoolSpec pool, int nodeIndex) => Item(Field(Pool(cluster, pool), "nodes"), nodeIndex);

        public static string LoadBalancer(int index) => Item(LoadBalancers, index);

        public static string LoadBalancer(ClusterSpec cluster, LoadBalancerSpec loadBalancer) =>
            LoadBalancer(IndexOf(cluster.LoadBalancers, loadBalancer, l => l.Name == loadBalancer.Name));

        public static string Role(int loadBalancerIndex, int roleIndex) => Item(Field(LoadBalancer(loadBalancerIndex), "roles"), roleIndex);

        public static string Dns(int loadBalancerIndex) => Field(LoadBalancer(loadBalancerIndex), "dns");

        private static int IndexOf<T>(IReadOnlyList<T> items, T item, Func<T, bool> sameName) where T : class
        {
            for (var i = 0; i < items.Count; i++)
                if (ReferenceEquals(items[i], item)) return i;
            for (var i = 0; i < items.Count; i++)
                if (sameName(items[i])) return i;
            throw new ArgumentException("the item is not part of the cluster", nameof(item));
        }
    }
}
