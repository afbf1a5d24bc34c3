using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>
    /// Splits an InputManifest into one native cluster per Kubernetes cluster: the pools it and its load balancers
    /// use, the providers those pools and DNS records need, and a <see cref="SourceMap"/> from native paths to the Claudie file.
    /// </summary>
    internal sealed class ClusterAssembler
    {
        private readonly ClaudieInput _input;
        private readonly ImportContext _context;
        private readonly NameIndex<ImportedProvider> _providers;
        private readonly NameIndex<ImportedPool> _pools;
        private readonly NameIndex<ClaudieKubernetesCluster> _clusters;
        private readonly LoadBalancerAssembler _loadBalancers;
        private readonly PoolOwners _owners;

        public ClusterAssembler(ClaudieInput input, ImportContext context)
        {
            _input = input;
            _context = context;
            _providers = new NameIndex<ImportedProvider>(input.Providers, p => p.Name, "provider", context);
            _pools = new NameIndex<ImportedPool>(input.Pools, p => p.Name, "node pool", context);
            // Duplicate cluster names are left to the validator, which compares the clusters of all documents.
            _clusters = new NameIndex<ClaudieKubernetesCluster>(input.KubernetesClusters.GroupBy(c => c.Name.Value).Select(g => g.First()), c => c.Name, "Kubernetes cluster", context);
            _loadBalancers = new LoadBalancerAssembler(input.Roles, context);
            _owners = new PoolOwners(context);
        }

        public IReadOnlyList<ManifestDocument> AssembleAll()
        {
            foreach (var loadBalancer in _input.LoadBalancerClusters)
            {
                var target = loadBalancer.TargetedKubernetes;
                if (target.Value.Length > 0 && !_clusters.TryFind(target.Value, out _)) _clusters.ReportMissing(target, _context);
            }
            return _input.KubernetesClusters.Select(Assemble).ToList();
        }

        private ManifestDocument Assemble(ClaudieKubernetesCluster cluster)
        {
            var name = cluster.Name.Value;
            var loadBalancers = _input.LoadBalancerClusters.Where(lb => lb.TargetedKubernetes.Value == name && name.Length > 0).ToList();

            var used = new HashSet<string>();
            UsePools(cluster.ControlPools, name, "a control pool of Kubernetes cluster '" + name + "'", used);
            UsePools(cluster.ComputePools, name, "a compute pool of Kubernetes cluster '" + name + "'", used);
            foreach (var loadBalancer in loadBalancers)
                UsePools(loadBalancer.Pools, name, "the pool of load balancer '" + loadBalancer.Name.Value + "' of Kubernetes cluster '" + name + "'", used);
            var pools = _input.Pools.Where(p => used.Contains(p.Name.Value) && _pools.TryFind(p.Name.Value, out var defined) && ReferenceEquals(defined, p)).ToList();

            var neededProviders = new HashSet<string>();
            foreach (var pool in pools.Where(p => p.ProviderName != null)) NeedProvider(pool.ProviderName!, ManifestVocabulary.MachineProviderTypes, "cannot create machines", neededProviders);
            var control = ResolvedNames(cluster.ControlPools);
            var compute = ResolvedNames(cluster.ComputePools);
            var imported = loadBalancers.Select(lb => _loadBalancers.Assemble(lb, name, control, compute)).ToList();
            foreach (var loadBalancer in loadBalancers.Where(lb => lb.DnsProvider != null))
                NeedProvider(loadBalancer.DnsProvider!, ManifestVocabulary.DnsProviderTypes, "cannot serve DNS records", neededProviders);
            var providers = _input.Providers.Where(p => p.Spec != null && neededProviders.Contains(p.Name.Value) && _providers.TryFind(p.Name.Value, out var defined) && ReferenceEquals(defined, p)).ToList();

            var spec = new ClusterSpec
            {
                Name = name,
                Providers = providers.Select(p => p.Spec!).ToList(),
                NodePools = pools.Select(p => p.Spec).ToList(),
                Kubernetes = new KubernetesSpec
                {
                    Version = NormalizeVersion(cluster.Version.Value),
                    Network = cluster.Network.Value,
                    ControlPools = cluster.ControlPools.Select(p => p.Value).ToList(),
                    ComputePools = cluster.ComputePools.Select(p => p.Value).ToList(),
                },
                LoadBalancers = imported.Select(lb => lb.Spec).ToList(),
            };
            return new ManifestDocument(spec, BuildSourceMap(cluster, providers, pools, imported));
        }

        private void UsePools(IReadOnlyList<Located<string>> references, string cluster, string use, HashSet<string> used)
        {
            foreach (var reference in references)
            {
                if (reference.Value.Length == 0) continue;
                if (!_pools.TryFind(reference.Value, out _)) _pools.ReportMissing(reference, _context);
                else if (_owners.Claim(reference, cluster, use)) used.Add(reference.Value);
            }
        }

        private IReadOnlyList<string> ResolvedNames(IReadOnlyList<Located<string>> references) =>
            references.Select(r => r.Value).Where(n => _pools.TryFind(n, out _)).Distinct().ToList();

        /// <summary>
        /// Records a provider the cluster needs, reporting a missing or unfit one with the fitting providers of the whole
        /// file as the choice (the validator, seeing only this cluster's copy, would offer fewer).
        /// </summary>
        private void NeedProvider(Located<string> reference, IReadOnlyList<ProviderType> capable, string incapable, HashSet<string> needed)
        {
            if (reference.Value.Length == 0) return;
            if (!_providers.TryFind(reference.Value, out var provider))
            {
                _providers.ReportMissing(reference, _context);
                return;
            }
            var fitting = _input.Providers.Where(p => p.Spec != null && capable.Contains(p.Spec.Type)).Select(p => p.Name.Value).Distinct().ToList();
            var allowed = fitting.Count > 0 ? string.Join(", ", fitting) : "a provider of type " + ManifestVocabulary.OneOf(capable.Select(ManifestVocabulary.Name));
            if (provider.Spec is null)
            {
                _context.Report(reference, "provider '" + reference.Value + "' cannot be used: its type is not supported", allowed);
                return;
            }
            if (!capable.Contains(provider.Spec.Type))
                _context.Report(reference, "provider '" + reference.Value + "' is of type " + ManifestVocabulary.Name(provider.Spec.Type) + ", which " + incapable, allowed);
            needed.Add(reference.Value);
        }

        /// <summary>Claudie accepts "1.31.2" and "v1.31.2"; the native model always writes the "v".</summary>
        private static string NormalizeVersion(string version) =>
            version.Length > 0 && version[0] != 'v' ? "v" + version : version;

        private SourceMap BuildSourceMap(ClaudieKubernetesCluster cluster, IReadOnlyList<ImportedProvider> providers, IReadOnlyList<ImportedPool> pools,
            IReadOnlyList<ImportedLoadBalancer> loadBalancers)
        {
            var map = new SourceMap(_context.File);
            _input.Shared.CopyTo(map, string.Empty);
            cluster.Source.CopyTo(map, string.Empty);
            for (var p = 0; p < providers.Count; p++) providers[p].Source.CopyTo(map, ManifestPaths.Provider(p));
            var dynamicPools = pools.Where(p => !p.IsStatic).ToList();
            var staticPools = pools.Where(p => p.IsStatic).ToList();
            for (var d = 0; d < dynamicPools.Count; d++) dynamicPools[d].Source.CopyTo(map, ManifestPaths.DynamicPool(d));
            for (var s = 0; s < staticPools.Count; s++) staticPools[s].Source.CopyTo(map, ManifestPaths.StaticPool(s));
            for (var l = 0; l < loadBalancers.Count; l++) loadBalancers[l].CopyTo(map, l);
            return map;
        }
    }
}
