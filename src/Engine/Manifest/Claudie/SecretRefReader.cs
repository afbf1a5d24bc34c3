using System.Collections.Generic;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>
    /// Reads Claudie secretRef mappings and keeps apart Secrets whose names would become the same environment
    /// variables (same name in two namespaces, or names differing only in punctuation or case).
    /// </summary>
    internal sealed class SecretRefReader
    {
        private static readonly string[] Fields = { "name", "namespace" };

        private readonly ImportContext _context;
        private readonly Dictionary<string, string> _secretByPrefix = new Dictionary<string, string>();

        public SecretRefReader(ImportContext context) => _context = context;

        /// <summary>The Secret's name, or null when the reference is unusable (already reported).</summary>
        public Located<string>? Read(MappingView owner, bool required)
        {
            var reference = owner.Mapping("secretRef", Fields, required);
            if (reference is null) return null;
            var name = reference.String("name", required: true);
            var space = reference.String("namespace")?.Value ?? string.Empty;
            if (name is null) return null;
            if (name.Value.Length == 0)
            {
                _context.Report(name.Location, name.Path, "the Secret name is empty", "the name of the Kubernetes Secret");
                return null;
            }

            var qualified = space.Length == 0 ? name.Value : space + "/" + name.Value;
            var prefix = ClaudieSecrets.Prefix(name.Value);
            if (_secretByPrefix.TryGetValue(prefix, out var earlier) && earlier != qualified)
            {
                _context.Report(name.Location, name.Path,
                    "Secrets '" + earlier + "' and '" + qualified + "' would both be read from environment variables " + prefix + "_*",
                    "one Secret name per set of credentials; rename one Secret in the InputManifest before importing");
                return null;
            }
            _secretByPrefix[prefix] = qualified;
            return name;
        }
    }
}
