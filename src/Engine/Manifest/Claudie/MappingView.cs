using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>
    /// One mapping of the InputManifest read field by field. Opening it reports fields the mapping does not know;
    /// each read reports a wrong type or a missing required field and returns null, so reading goes on after a problem.
    /// </summary>
    internal sealed class MappingView
    {
        private readonly ImportContext _context;
        private readonly Dictionary<string, YamlNode> _fields = new Dictionary<string, YamlNode>();

        private MappingView(ImportContext context, YamlMappingNode node, string path, IReadOnlyCollection<string> knownFields)
        {
            _context = context;
            Node = node;
            Path = path;
            foreach (var pair in node.Children)
            {
                if (!(pair.Key is YamlScalarNode key) || key.Value is null)
                {
                    context.Report(pair.Key, path, "a field name must be text, found " + YamlFields.Describe(pair.Key), string.Join(", ", knownFields));
                    continue;
                }
                if (knownFields.Contains(key.Value))
                {
                    if (!YamlFields.IsNull(pair.Value)) _fields[key.Value] = pair.Value;
                    continue;
                }
                // Claudie's own example carries an empty unknown field ("provider:"); a field with no value says nothing.
                if (YamlFields.IsNull(pair.Value)) continue;
                var suggestion = NameSuggestion.Closest(key.Value, knownFields);
                context.Report(key, FieldPath(key.Value), "unknown field '" + key.Value + "'" + (suggestion is null ? string.Empty : ", did you mean '" + suggestion + "'?"),
                    string.Join(", ", knownFields));
            }
        }

        public YamlMappingNode Node { get; }
        public string Path { get; }
        public SourceLocation Location => _context.Locate(Node);

        /// <summary>Opens a node that must be a mapping; reports and returns null when it is something else.</summary>
        public static MappingView? Open(ImportContext context, YamlNode node, string path, IReadOnlyCollection<string> knownFields)
        {
            if (node is YamlMappingNode mapping) return new MappingView(context, mapping, path, knownFields);
            context.Report(node, path, "expected " + YamlFields.MapType + ", found " + YamlFields.Describe(node), YamlFields.MapType);
            return null;
        }

        public string FieldPath(string field) => Path.Length == 0 ? field : Path + "." + field;

        public bool Has(string field) => _fields.ContainsKey(field);

        /// <summary>Where a field's value is written, or this mapping when the field is absent.</summary>
        public SourceLocation LocationOf(string field) => _fields.TryGetValue(field, out var node) ? _context.Locate(node) : Location;

        /// <summary>The value of a field; null when absent or written as null (reported when required, with the expected type as allowed).</summary>
        public YamlNode? Get(string field, bool required = false, string expected = "")
        {
            if (_fields.TryGetValue(field, out var node)) return node;
            if (required) _context.Report(Node, FieldPath(field), "required field '" + field + "' is missing", expected);
            return null;
        }

        public Located<string>? String(string field, bool required = false)
        {
            var node = Get(field, required, YamlFields.TextType);
            if (node is null) return null;
            if (node is YamlScalarNode scalar) return new Located<string>(scalar.Value ?? string.Empty, _context.Locate(node), FieldPath(field));
            _context.Report(node, FieldPath(field), "expected " + YamlFields.TextType + ", found " + YamlFields.Describe(node), YamlFields.TextType);
            return null;
        }

        /// <summary>A required text field; when missing (reported) a stand-in "" placed at this mapping, so later checks of it stay quiet.</summary>
        public Located<string> RequiredString(string field) =>
            String(field, required: true) ?? new Located<string>(string.Empty, Location, FieldPath(field));

        public Located<int>? Int(string field, bool required = false)
        {
            var node = Get(field, required, YamlFields.NumberType);
            if (node is null) return null;
            if (node is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain
                && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                return new Located<int>(value, _context.Locate(node), FieldPath(field));
            _context.Report(node, FieldPath(field), "expected " + YamlFields.NumberType + ", found " + YamlFields.Describe(node), YamlFields.NumberType);
            return null;
        }

        public Located<bool>? Bool(string field)
        {
            var node = Get(field);
            if (node is null) return null;
            if (node is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain)
            {
                if (scalar.Value == "true" || scalar.Value == "True") return new Located<bool>(true, _context.Locate(node), FieldPath(field));
                if (scalar.Value == "false" || scalar.Value == "False") return new Located<bool>(false, _context.Locate(node), FieldPath(field));
            }
            _context.Report(node, FieldPath(field), "expected " + YamlFields.FlagType + ", found " + YamlFields.Describe(node), YamlFields.FlagType);
            return null;
        }

        public MappingView? Mapping(string field, IReadOnlyCollection<string> knownFields, bool required = false)
        {
            var node = Get(field, required, YamlFields.MapType);
            return node is null ? null : Open(_context, node, FieldPath(field), knownFields);
        }

        /// <summary>The items of a list field with their paths ("pools.control[1]").</summary>
        public IReadOnlyList<(YamlNode Node, string Path)> Sequence(string field, bool required = false)
        {
            var node = Get(field, required, YamlFields.ListType);
            if (node is null) return new (YamlNode, string)[0];
            if (node is YamlSequenceNode sequence)
                return sequence.Children.Select((item, index) => (item, FieldPath(field) + "[" + index + "]")).ToList();
            _context.Report(node, FieldPath(field), "expected " + YamlFields.ListType + ", found " + YamlFields.Describe(node), YamlFields.ListType);
            return new (YamlNode, string)[0];
        }

        public IReadOnlyList<Located<string>> Strings(string field, bool required = false)
        {
            var values = new List<Located<string>>();
            foreach (var (item, path) in Sequence(field, required))
            {
                if (item is YamlScalarNode scalar && !YamlFields.IsNull(item)) values.Add(new Located<string>(scalar.Value ?? string.Empty, _context.Locate(item), path));
                else _context.Report(item, path, "expected " + YamlFields.TextType + ", found " + YamlFields.Describe(item), YamlFields.TextType);
            }
            return values;
        }

        /// <summary>A mapping of text to text (labels, annotations), in file order.</summary>
        public IReadOnlyList<(Located<string> Key, Located<string> Value)> StringMap(string field)
        {
            var entries = new List<(Located<string>, Located<string>)>();
            var node = Get(field);
            if (node is null) return entries;
            if (!(node is YamlMappingNode mapping))
            {
                _context.Report(node, FieldPath(field), "expected " + YamlFields.TextMapType + ", found " + YamlFields.Describe(node), YamlFields.TextMapType);
                return entries;
            }
            foreach (var pair in mapping.Children)
            {
                var path = FieldPath(field) + "." + (pair.Key as YamlScalarNode)?.Value;
                if (!(pair.Key is YamlScalarNode key) || !(pair.Value is YamlScalarNode value))
                {
                    _context.Report(pair.Value, path, "expected " + YamlFields.TextType + ", found " + YamlFields.Describe(pair.Value), YamlFields.TextType);
                    continue;
                }
                entries.Add((new Located<string>(key.Value ?? string.Empty, _context.Locate(key), path),
                             new Located<string>(value.Value ?? string.Empty, _context.Locate(value), path)));
            }
            return entries;
        }
    }
}
