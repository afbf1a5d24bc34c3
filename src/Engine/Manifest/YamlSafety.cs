using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Reads a YAML stream event by event, before anything builds a tree of it, and stops at what would crash or
    /// exhaust the process later: nesting deeper than <see cref="ManifestLimits.MaxDepth"/> (YamlDotNet builds
    /// nodes recursively), an alias inside the node it names (a recursive key overflows the stack when hashed),
    /// aliases that expand past <see cref="ManifestLimits.MaxExpandedNodes"/>, and parser failures other than
    /// YamlException. YAML tags are refused, each with its place: a manifest is plain data, and a tag such as
    /// !!str would turn a number into text behind the reader's back. The parser itself keeps no recursion, so
    /// even a 40,000-level document only costs this walk.
    /// </summary>
    internal sealed class YamlSafety
    {
        private const int EventsBetweenCancellationChecks = 1024;

        private readonly string _file;
        private readonly List<ManifestDiagnostic> _problems = new List<ManifestDiagnostic>();
        private readonly Stack<Frame> _open = new Stack<Frame>();
        private readonly Dictionary<string, long> _anchorSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _openAnchors = new Dictionary<string, int>(StringComparer.Ordinal);
        private long _expanded;
        private int _aliases;

        private YamlSafety(string file) => _file = file;

        /// <summary>
        /// Every problem found; <paramref name="fatal"/> is true when the stream must not be loaded at all (the
        /// problems then end with the one that stopped the walk).
        /// </summary>
        public static IReadOnlyList<ManifestDiagnostic> Check(string text, string file, CancellationToken cancellationToken, out bool fatal)
        {
            var check = new YamlSafety(file);
            fatal = !check.Walk(text, cancellationToken);
            return check._problems;
        }

        private bool Walk(string text, CancellationToken cancellationToken)
        {
            var parser = new Parser(new StringReader(text));
            var events = 0;
            var last = Mark.Empty;
            try
            {
                while (parser.MoveNext())
                {
                    if (++events % EventsBetweenCancellationChecks == 0) cancellationToken.ThrowIfCancellationRequested();
                    var current = parser.Current!;
                    last = current.Start;
                    if (!Visit(current)) return false;
                }
                return true;
            }
            catch (YamlException e)
            {
                _problems.Add(Syntax(e.Start, e.Message));
                return false;
            }
            catch (Exception e) when (e is InvalidOperationException || e is ArgumentException || e is FormatException || e is OverflowException)
            {
                // YamlDotNet reports some malformed input (an unclosed flow map followed by more keys) this way.
                _problems.Add(Syntax(last, "the YAML parser stopped here (" + e.Message.TrimEnd('.') + ")"));
                return false;
            }
        }

        private bool Visit(ParsingEvent current)
        {
            switch (current)
            {
                case DocumentStart _:
                    _open.Clear();
                    _anchorSizes.Clear();
                    _openAnchors.Clear();
                    _expanded = 0;
                    _aliases = 0;
                    return true;
                case AnchorAlias alias:
                    return VisitAlias(alias);
                case Scalar scalar:
                    CheckTag(scalar);
                    if (!scalar.Anchor.IsEmpty) _anchorSizes[scalar.Anchor.Value] = 1;
                    return Count(scalar.Start, 1);
                case NodeEvent collection when collection is MappingStart || collection is SequenceStart:
                    CheckTag(collection);
                    if (_open.Count >= ManifestLimits.MaxDepth)
                    {
                        Report(collection.Start, "(document)", "maps and lists are nested more than " + ManifestLimits.MaxDepth + " levels deep",
                            "at most " + ManifestLimits.MaxDepth + " levels; MultiCloud's deepest field is 8 levels down");
                        return false;
                    }
                    var anchor = collection.Anchor.IsEmpty ? null : collection.Anchor.Value;
                    if (anchor != null) _openAnchors[anchor] = _openAnchors.TryGetValue(anchor, out var n) ? n + 1 : 1;
                    _open.Push(new Frame(anchor, _expanded));
                    return Count(collection.Start, 1);
                case MappingEnd _:
                case SequenceEnd _:
                    Close();
                    return true;
                default:
                    return true;
            }
        }

        private bool VisitAlias(AnchorAlias alias)
        {
            var name = alias.Value.Value;
            if (++_aliases > ManifestLimits.MaxAliases)
            {
                Report(alias.Start, "(document)", "the document uses more than " + ManifestLimits.MaxAliases + " aliases", "at most " + ManifestLimits.MaxAliases + " aliases (*name) per document");
                return false;
            }
            if (_openAnchors.ContainsKey(name))
            {
                Report(alias.Start, "(document)", "alias *" + name + " is used inside the node it names (a recursive alias)", "aliases to nodes that are complete where the alias is used");
                return false;
            }
            if (!_anchorSizes.TryGetValue(name, out var size))
            {
                Report(alias.Start, "(document)", "alias *" + name + " names no anchor defined before it", "an anchor &" + name + " earlier in the same document");
                return false;
            }
            return Count(alias.Start, size);
        }

        private void Close()
        {
            if (_open.Count == 0) return;
            var frame = _open.Pop();
            if (frame.Anchor is null) return;
            if (--_openAnchors[frame.Anchor] == 0) _openAnchors.Remove(frame.Anchor);
            _anchorSizes[frame.Anchor] = _expanded - frame.ExpandedBefore;
        }

        /// <summary>Counts values of the document as if every alias were replaced by what it names.</summary>
        private bool Count(Mark at, long values)
        {
            _expanded += values;
            if (_expanded <= ManifestLimits.MaxExpandedNodes) return true;
            Report(at, "(document)", "with its aliases expanded the document has more than " + ManifestLimits.Number(ManifestLimits.MaxExpandedNodes) + " values",
                "at most " + ManifestLimits.Number(ManifestLimits.MaxExpandedNodes) + " values per document, counting every use of an alias in full");
            return false;
        }

        private void CheckTag(NodeEvent node)
        {
            if (node.Tag.IsEmpty) return;
            var tag = node.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + node.Tag.Value.Substring(18) : node.Tag.Value;
            Report(node.Start, "(tag)", "YAML tag '" + tag + "' is not allowed in a manifest",
                "plain values without tags: numbers unquoted, text as it is or quoted");
        }

        private ManifestDiagnostic Syntax(Mark at, string message) =>
            new ManifestDiagnostic(Location(at), "(syntax)", "invalid YAML: " + message.TrimEnd('.'), "well-formed YAML (check indentation, quotes and brackets)");

        private void Report(Mark at, string path, string problem, string allowed) => _problems.Add(new ManifestDiagnostic(Location(at), path, problem, allowed));

        private SourceLocation Location(Mark at) =>
            new SourceLocation(_file, (int)Math.Min(int.MaxValue, Math.Max(1, at.Line)), (int)Math.Min(int.MaxValue, Math.Max(1, at.Column)));

        /// <summary>An open map or list: its anchor, and the count of values before it, to learn its own size when it closes.</summary>
        private sealed record Frame(string? Anchor, long ExpandedBefore);
    }
}
