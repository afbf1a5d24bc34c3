using System.Collections.Generic;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>What reading one YAML document collects: where each field is, and every problem found on the way.</summary>
    internal sealed class ReadContext
    {
        public ReadContext(SourceMap source) => Source = source;

        public SourceMap Source { get; }

        public List<ManifestDiagnostic> Diagnostics { get; } = new List<ManifestDiagnostic>();

        public SourceLocation LocationOf(YamlNode node) => new SourceLocation(Source.File, checked((int)node.Start.Line), checked((int)node.Start.Column));

        public void Place(string path, YamlNode node) => Source.Add(path, LocationOf(node));

        /// <summary>Reports at the recorded place of the path (or its nearest recorded parent).</summary>
        public void Report(string path, string problem, string allowed)
        {
            Source.NoteProblem(path);
            Diagnostics.Add(Source.Diagnose(path, problem, allowed));
        }

        public void Report(SourceLocation location, string path, string problem, string allowed)
        {
            Source.NoteProblem(path);
            Diagnostics.Add(new ManifestDiagnostic(location, path, problem, allowed));
        }
    }
}
