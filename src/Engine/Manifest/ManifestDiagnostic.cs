using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>A place in a manifest file. Line and column are 1-based. The file name is kept with control characters escaped.</summary>
    public sealed record SourceLocation(string File, int Line, int Column)
    {
        public string File { get; init; } = DisplayText.Escape(File);

        public override string ToString() => $"{File}:{Line}:{Column}";
    }

    /// <summary>
    /// One problem in a manifest: where it is, which field (path in the file's own vocabulary, such as
    /// "spec.nodePools.dynamic[0].count"), what is wrong and what is allowed. Every text part is kept with control
    /// characters escaped (<see cref="DisplayText"/>): field names and values come from the file and reach the
    /// terminals of both hosts.
    /// </summary>
    public sealed record ManifestDiagnostic(SourceLocation Location, string FieldPath, string Problem, string Allowed)
    {
        /// <summary>The field's path; "(document)" for the document itself, so every diagnostic names a place.</summary>
        public string FieldPath { get; init; } = FieldPath.Length == 0 ? "(document)" : DisplayText.Escape(FieldPath);
        public string Problem { get; init; } = DisplayText.Escape(Problem);
        public string Allowed { get; init; } = DisplayText.Escape(Allowed);

        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append(Location).Append(": ").Append(FieldPath).Append(": ").Append(Problem);
            if (Allowed.Length > 0) text.Append(" (allowed: ").Append(Allowed).Append(')');
            return text.ToString();
        }
    }

    /// <summary>
    /// Maps a field path of the native model (for example "spec.nodePools.dynamic[1].count") to where that field was
    /// written and what it is called there. For a native manifest both paths are equal; a Claudie import maps
    /// native paths to places and names in the InputManifest, so validation speaks the user's own file.
    /// </summary>
    public sealed class SourceMap
    {
        private readonly Dictionary<string, (SourceLocation Location, string DisplayPath)> _entries = new Dictionary<string, (SourceLocation, string)>();
        private readonly HashSet<string> _problems = new HashSet<string>(StringComparer.Ordinal);

        public SourceMap(string file) => File = file;

        public string File { get; }

        public void Add(string modelPath, SourceLocation location, string? displayPath = null) =>
            _entries[modelPath] = (location, displayPath ?? modelPath);

        /// <summary>Records that reading already reported a problem at this model path (the value there is a stand-in).</summary>
        public void NoteProblem(string modelPath) => _problems.Add(modelPath);

        /// <summary>
        /// True when reading reported a problem at the path or under it: rules that judge an item as a whole (a
        /// provider's required keys) stay quiet then, since they would only judge the stand-in values.
        /// </summary>
        public bool HasProblemAtOrUnder(string modelPath) =>
            _problems.Any(path => path == modelPath || path.StartsWith(modelPath + ".", StringComparison.Ordinal) || path.StartsWith(modelPath + "[", StringComparison.Ordinal));

        /// <summary>The place of the path, or of its nearest recorded parent, or the top of the file.</summary>
        public (SourceLocation Location, string DisplayPath) Locate(string modelPath)
        {
            for (var path = modelPath; path.Length > 0; path = Parent(path))
            {
                if (_entries.TryGetValue(path, out var hit))
                    return path == modelPath ? hit : (hit.Location, hit.DisplayPath + modelPath.Substring(path.Length));
            }
            return (new SourceLocation(File, 1, 1), modelPath);
        }

        public ManifestDiagnostic Diagnose(string modelPath, string problem, string allowed)
        {
            var (location, display) = Locate(modelPath);
            return new ManifestDiagnostic(location, display, problem, allowed);
        }

        private static string Parent(string path)
        {
            var cut = path.LastIndexOfAny(new[] { '.', '[' });
            return cut <= 0 ? string.Empty : path.Substring(0, cut);
        }
    }
}
