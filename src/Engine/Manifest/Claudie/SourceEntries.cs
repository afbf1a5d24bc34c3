using System.Collections.Generic;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>
    /// Source places of one imported item, keyed by native paths relative to the item ("" is the item itself,
    /// ".count" a field). They are copied into a cluster's <see cref="SourceMap"/> once the item's index there is known.
    /// </summary>
    internal sealed class SourceEntries
    {
        private readonly List<(string Relative, SourceLocation Location, string DisplayPath)> _entries =
            new List<(string, SourceLocation, string)>();

        private readonly List<string> _problems = new List<string>();

        public void Add(string relativePath, SourceLocation location, string displayPath) =>
            _entries.Add((relativePath, location, displayPath));

        public void Add<T>(string relativePath, Located<T>? value)
        {
            if (value != null) _entries.Add((relativePath, value.Location, value.Path));
        }

        /// <summary>Notes that the import reported a problem at this relative path (see <see cref="SourceMap.NoteProblem"/>).</summary>
        public void NoteProblem(string relativePath) => _problems.Add(relativePath);

        public void CopyTo(SourceMap map, string prefix)
        {
            foreach (var entry in _entries) map.Add(prefix + entry.Relative, entry.Location, entry.DisplayPath);
            foreach (var problem in _problems) map.NoteProblem(prefix + problem);
        }
    }
}
