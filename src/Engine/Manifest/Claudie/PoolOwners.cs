using System.Collections.Generic;
using System.Globalization;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>
    /// Which Kubernetes cluster each pool definition belongs to. Claudie builds a fresh copy of a dynamic pool for
    /// every cluster that names it; MultiCloud reads a pool as one set of machines, so a second cluster needs its own definition.
    /// </summary>
    internal sealed class PoolOwners
    {
        private readonly ImportContext _context;
        private readonly Dictionary<string, (string Cluster, string Use, Located<string> Reference)> _owners =
            new Dictionary<string, (string, string, Located<string>)>();

        public PoolOwners(ImportContext context) => _context = context;

        /// <summary>Records that a cluster uses the pool; reports and returns false when another cluster already does.</summary>
        public bool Claim(Located<string> reference, string cluster, string use)
        {
            if (!_owners.TryGetValue(reference.Value, out var owner))
            {
                _owners[reference.Value] = (cluster, use, reference);
                return true;
            }
            if (owner.Cluster == cluster) return true;
            _context.Report(reference,
                "pool '" + reference.Value + "' is used here as " + use + " and at line " + owner.Reference.Location.Line.ToString(CultureInfo.InvariantCulture)
                + " (" + owner.Reference.Path + ") as " + owner.Use,
                "one cluster per pool definition: define a copy of the pool under another name for the second use");
            return false;
        }
    }
}
