using System.Collections.Generic;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>The file being imported and the diagnostics every part of the import adds to.</summary>
    internal sealed class ImportContext
    {
        private readonly ICollection<ManifestDiagnostic> _diagnostics;

        // A role or pool copied into several clusters would otherwise repeat the same report at the same place.
        private readonly HashSet<ManifestDiagnostic> _reported = new HashSet<ManifestDiagnostic>();

        public ImportContext(string file, ICollection<ManifestDiagnostic> diagnostics)
        {
            File = file;
            _diagnostics = diagnostics;
        }

        public string File { get; }

        public SourceLocation Locate(YamlNode node) => new SourceLocation(File, (int)node.Start.Line, (int)node.Start.Column);

        public void Report(YamlNode node, string path, string problem, string allowed = "") =>
            Report(Locate(node), path, problem, allowed);

        public void Report<T>(Located<T> field, string problem, string allowed = "") => Report(field.Location, field.Path, problem, allowed);

        public void Report(SourceLocation location, string path, string problem, string allowed = "")
        {
            var diagnostic = new ManifestDiagnostic(location, path, problem, allowed);
            if (_reported.Add(diagnostic)) _diagnostics.Add(diagnostic);
        }
    }
}
