using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>One cluster under validation: the spec, where its fields are, and the problems found so far.</summary>
    internal sealed class ClusterCheck
    {
        public ClusterCheck(ManifestDocument document)
        {
            Cluster = document.Cluster;
            Source = document.Source;
            var dynamicIndex = 0;
            var staticIndex = 0;
            foreach (var pool in Cluster.NodePools)
            {
                var path = pool is DynamicNodePoolSpec ? ManifestPaths.DynamicPool(dynamicIndex++) : ManifestPaths.StaticPool(staticIndex++);
                Pools.Add((pool, path));
            }
        }

        public ClusterSpec Cluster { get; }

        /// <summary>The spec comes from state, not from a manifest being read (see <see cref="ManifestValidator.ValidateStored"/>).</summary>
        public bool IsStoredSpec { get; init; }
        public SourceMap Source { get; }
        public List<ManifestDiagnostic> Diagnostics { get; } = new List<ManifestDiagnostic>();

        /// <summary>Every pool with its native path ("spec.nodePools.static[0]").</summary>
        public List<(NodePoolSpec Pool, string Path)> Pools { get; } = new List<(NodePoolSpec, string)>();

        /// <summary>Names that references can resolve to; empty names are reported by the naming rules alone.</summary>
        public IEnumerable<string> PoolNames => Cluster.NodePools.Select(p => p.Name).Where(n => n.Length > 0).Distinct();

        public NodePoolSpec? FindPool(string name) => name.Length == 0 ? null : Cluster.NodePools.FirstOrDefault(p => p.Name == name);

        public ProviderSpec? FindProvider(string name) => name.Length == 0 ? null : Cluster.Providers.FirstOrDefault(p => p.Name == name);

        public void Report(string path, string problem, string allowed) => Diagnostics.Add(Source.Diagnose(path, problem, allowed));

        /// <summary>"line 7 (spec.providers[0].name)", to point from a second occurrence back to the first.</summary>
        public string Where(string path)
        {
            var (location, display) = Source.Locate(path);
            return "line " + location.Line.ToString(CultureInfo.InvariantCulture) + " (" + display + ")";
        }

        /// <summary>Reports every later use of a name already used by an earlier item of the same kind.</summary>
        public void RequireUnique(IEnumerable<(string Name, string Path)> items, string what)
        {
            var first = new Dictionary<string, string>();
            foreach (var (name, path) in items)
            {
                if (name.Length == 0) continue;
                if (first.TryGetValue(name, out var firstPath))
                    Report(path, what + " name '" + name + "' is already used at " + Where(firstPath), "a name no other " + what + " uses");
                else
                    first[name] = path;
            }
        }

        public static string NamesOrNone(IEnumerable<string> names)
        {
            var list = names.ToList();
            return list.Count == 0 ? "(none defined)" : string.Join(", ", list);
        }

        public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
