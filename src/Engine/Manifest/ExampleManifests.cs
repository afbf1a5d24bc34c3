using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>The example manifests shipped inside the engine assembly (examples/*.yaml in the repository).</summary>
    public static class ExampleManifests
    {
        private const string Prefix = "MultiCloud.Examples.";
        private const string Suffix = ".yaml";

        /// <summary>Example names: the file names without ".yaml", sorted.</summary>
        public static IReadOnlyList<string> Names { get; } = typeof(ExampleManifests).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(n => n.Substring(Prefix.Length, n.Length - Prefix.Length - Suffix.Length))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

        /// <summary>The YAML text of one example.</summary>
        public static string Get(string name)
        {
            var stream = typeof(ExampleManifests).Assembly.GetManifestResourceStream(Prefix + name + Suffix);
            if (stream is null)
            {
                throw new MultiCloudException(ErrorIds.ManifestNotFound, ErrorKind.NotFound,
                    "there is no example manifest '" + name + "' (examples: " + string.Join(", ", Names) + ")") { Target = name };
            }
            using (var reader = new StreamReader(stream, Encoding.UTF8))
                return reader.ReadToEnd();
        }
    }
}
