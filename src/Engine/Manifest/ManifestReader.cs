using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using MultiCloud.Engine.Manifest.Claudie;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Reads manifest files: one cluster per YAML document, native (multicloud.io/v1) or Claudie (claudie.io/v1beta1),
    /// validates every cluster and returns every problem at once, sorted by place in the file.
    /// </summary>
    public static class ManifestReader
    {
        private static readonly string KnownApiVersions = ManifestVocabulary.NativeApiVersion + ", " + ManifestVocabulary.ClaudieApiVersion;

        public static ManifestLoadResult ReadFile(string path, CancellationToken cancellationToken = default)
        {
            string text;
            try
            {
                text = InputFile.ReadText(path, ManifestLimits.MaxFileBytes);
            }
            catch (InvalidDataException e)
            {
                throw new MultiCloudException(ErrorIds.ManifestUnreadable, ErrorKind.InvalidArgument,
                    "manifest file '" + path + "' is not read: " + e.Message + "; give a regular file of at most " + ManifestLimits.Number(ManifestLimits.MaxFileBytes) + " bytes", e) { Target = path };
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new MultiCloudException(ErrorIds.ManifestNotFound, ErrorKind.NotFound, "manifest file '" + path + "' does not exist", e) { Target = path };
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                throw new MultiCloudException(ErrorIds.ManifestUnreadable, ErrorKind.InvalidArgument, "manifest file '" + path + "' cannot be read: " + e.Message, e) { Target = path };
            }
            return Parse(text, path, cancellationToken);
        }

        /// <summary>
        /// Reads manifest text. Anything the text holds ends in diagnostics, never in another exception; the token
        /// bounds the time spent (it is checked while the text is walked, read and validated).
        /// </summary>
        public static ManifestLoadResult Parse(string yamlText, string fileName, CancellationToken cancellationToken = default)
        {
            if (yamlText.Length > ManifestLimits.MaxFileBytes)
                return Failed(new ManifestDiagnostic(new SourceLocation(fileName, 1, 1), "(file)", "the manifest has " + ManifestLimits.Number(yamlText.Length) + " characters",
                    "at most " + ManifestLimits.Number(ManifestLimits.MaxFileBytes)));

            var safety = YamlSafety.Check(yamlText, fileName, cancellationToken, out var fatal);
            if (fatal) return Failed(safety.ToArray());

            var stream = new YamlStream();
            var parser = new Parser(new StringReader(yamlText));
            try
            {
                stream.Load(parser);
            }
            catch (YamlException e)
            {
                return Failed(SyntaxError(e.Start, e.Message, fileName));
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is FormatException)
            {
                // YamlDotNet's loader reports some shapes the parser accepts (an empty key after a document) this way.
                var at = parser.Current?.Start ?? Mark.Empty;
                return Failed(SyntaxError(at, "this cannot be read as a tree of values (" + e.Message.TrimEnd('.') + ")", fileName));
            }

            var documents = new List<ManifestDocument>();
            var diagnostics = new List<ManifestDiagnostic>(safety);
            foreach (var yamlDocument in stream.Documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (YamlFields.IsNull(yamlDocument.RootNode)) continue;
                var readProblems = new List<ManifestDiagnostic>();
                var read = ReadDocument(yamlDocument.RootNode, fileName, readProblems);
                documents.AddRange(read);
                diagnostics.AddRange(readProblems);
                var modelProblems = read.SelectMany(document => ManifestValidator.ValidateCluster(document, cancellationToken));
                var reported = ReportedPaths(readProblems);
                diagnostics.AddRange(modelProblems.Where(problem => !IsConsequenceOf(problem, reported)));
            }
            diagnostics.AddRange(ManifestValidator.ValidateAcrossDocuments(documents));

            if (documents.Count == 0 && diagnostics.Count == 0)
                diagnostics.Add(new ManifestDiagnostic(new SourceLocation(fileName, 1, 1), "(file)", "the file holds no cluster", "one or more YAML documents with apiVersion " + KnownApiVersions));

            var sorted = diagnostics.OrderBy(d => d.Location.File, StringComparer.Ordinal).ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();
            return new ManifestLoadResult(documents, sorted);
        }

        private static IReadOnlyList<ManifestDocument> ReadDocument(YamlNode root, string fileName, List<ManifestDiagnostic> problems)
        {
            var context = new ReadContext(new SourceMap(fileName));
            if (!(root is YamlMappingNode map))
            {
                problems.Add(new ManifestDiagnostic(context.LocationOf(root), "(document)", "a manifest document must be a map, found " + YamlFields.Describe(root), "apiVersion, kind, metadata, spec"));
                return new ManifestDocument[0];
            }

            var apiVersionKey = map.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == ManifestPaths.ApiVersion);
            var apiVersion = apiVersionKey is null ? null : (map.Children[apiVersionKey] as YamlScalarNode)?.Value;
            if (apiVersion == ManifestVocabulary.ClaudieApiVersion)
                return ClaudieImporter.Import(map, fileName, problems);

            if (apiVersionKey is null)
            {
                problems.Add(new ManifestDiagnostic(context.LocationOf(map), ManifestPaths.ApiVersion, "required field 'apiVersion' is missing", KnownApiVersions));
                return new ManifestDocument[0];
            }
            if (apiVersion != ManifestVocabulary.NativeApiVersion)
            {
                var found = apiVersion is null ? YamlFields.Describe(map.Children[apiVersionKey]) : "'" + apiVersion + "'";
                problems.Add(new ManifestDiagnostic(context.LocationOf(apiVersionKey), ManifestPaths.ApiVersion, "unknown apiVersion " + found, KnownApiVersions));
                return new ManifestDocument[0];
            }

            var document = NativeClusterReader.Read(map, context);
            problems.AddRange(context.Diagnostics);
            return document is null ? new ManifestDocument[0] : new[] { document };
        }

        private static ManifestLoadResult Failed(params ManifestDiagnostic[] diagnostics) => new ManifestLoadResult(new ManifestDocument[0], diagnostics);

        private static HashSet<(string File, string Path)> ReportedPaths(IEnumerable<ManifestDiagnostic> readProblems) =>
            new HashSet<(string, string)>(readProblems.Select(read => (read.Location.File, read.FieldPath)));

        /// <summary>
        /// A model-level problem at or under a field the reader already reported is about the stand-in value put
        /// there, not about what the user wrote, so it would only repeat the first report. Looked up by the
        /// problem's path and each of its parents, so many problems cost no more than their paths.
        /// </summary>
        private static bool IsConsequenceOf(ManifestDiagnostic problem, HashSet<(string File, string Path)> reported)
        {
            var path = problem.FieldPath;
            while (true)
            {
                if (reported.Contains((problem.Location.File, path))) return true;
                var cut = path.LastIndexOfAny(PathSeparators);
                if (cut <= 0) return false;
                path = path.Substring(0, cut);
            }
        }

        private static readonly char[] PathSeparators = { '.', '[' };

        private static ManifestDiagnostic SyntaxError(Mark at, string message, string fileName)
        {
            var location = new SourceLocation(fileName, (int)Math.Min(int.MaxValue, Math.Max(1, at.Line)), (int)Math.Min(int.MaxValue, Math.Max(1, at.Column)));
            return new ManifestDiagnostic(location, "(syntax)", "invalid YAML: " + message.TrimEnd('.'), "well-formed YAML (check indentation, quotes and brackets)");
        }
    }
}
