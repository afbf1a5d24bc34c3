using System.Collections.Generic;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>
    /// Turns a Claudie InputManifest (claudie.io/v1beta1) into native cluster documents. The mapping, field by field,
    /// is described in docs/claudie-import.md.
    /// </summary>
    public static class ClaudieImporter
    {
        /// <summary>
        /// Reads one InputManifest document. Returns one <see cref="ManifestDocument"/> per Kubernetes cluster in it,
        /// each with a <see cref="SourceMap"/> from native paths to places in the Claudie file, and adds every problem
        /// found to <paramref name="diagnostics"/>.
        /// </summary>
        public static IReadOnlyList<ManifestDocument> Import(YamlMappingNode root, string fileName, ICollection<ManifestDiagnostic> diagnostics)
        {
            var context = new ImportContext(fileName, diagnostics);
            var input = InputManifestParser.Parse(root, context);
            if (input is null) return new ManifestDocument[0];
            return new ClusterAssembler(input, context).AssembleAll();
        }
    }
}
