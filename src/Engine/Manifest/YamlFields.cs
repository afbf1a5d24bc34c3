using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// The fields of one YAML mapping, read with their positions. Unknown fields are reported on construction; the
    /// typed getters report wrong types and missing required fields and return null instead of stopping.
    /// </summary>
    internal sealed class YamlFields
    {
        public const string TextType = "text";
        public const string NumberType = "a whole number";
        public const string FlagType = "true or false";
        public const string MapType = "a map (key: value)";
        public const string ListType = "a list";
        public const string TextMapType = "a map of text values";
        public const string TextListType = "a list of text values";

        private readonly YamlMappingNode _node;
        private readonly ReadContext _context;
        private readonly Dictionary<string, YamlNode> _values = new Dictionary<string, YamlNode>();

        public YamlFields(YamlMappingNode node, string path, ReadContext context, params string[] allowed)
        {
            _node = node;
            _context = context;
            Path = path;
            foreach (var entry in node.Children)
            {
                if (!(entry.Key is YamlScalarNode key) || key.Value is null)
                {
                    context.Report(context.LocationOf(entry.Key), DisplayPath(path), "a field name must be text, found " + Describe(entry.Key), string.Join(", ", allowed));
                    continue;
                }
                var fieldPath = ManifestPaths.Field(path, key.Value);
                context.Place(fieldPath, key);
                if (allowed.Contains(key.Value))
                {
                    _values[key.Value] = entry.Value;
                    continue;
                }
                var suggestion = NameSuggestion.Closest(key.Value, allowed);
                var problem = "unknown field '" + key.Value + "'" + (suggestion is null ? string.Empty : ", did you mean '" + suggestion + "'?");
                context.Report(fieldPath, problem, string.Join(", ", allowed));
            }
        }

        public string Path { get; }

        public string PathOf(string key) => ManifestPaths.Field(Path, key);

        /// <summary>The value of a field; null when absent or written as null.</summary>
        public YamlNode? Value(string key) => _values.TryGetValue(key, out var value) && !IsNull(value) ? value : null;

        public string? Text(string key, bool required = false)
        {
            var node = Present(key, required, TextType);
            if (node is null) return null;
            if (node is YamlScalarNode scalar) return scalar.Value ?? string.Empty;
            WrongType(PathOf(key), TextType, node);
            return null;
        }

        public int? Number(string key, bool required = false) => NumberAt(PathOf(key), Present(key, required, NumberType));

        public int? NumberAt(string path, YamlNode? node)
        {
            if (node is null) return null;
            if (node is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain
                && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                if (number >= int.MinValue && number <= int.MaxValue) return (int)number;
                _context.Report(path, "number " + scalar.Value + " is too large", NumberType);
                return null;
            }
            WrongType(path, NumberType, node);
            return null;
        }

        public bool? Flag(string key)
        {
            var node = Present(key, false, FlagType);
            if (node is null) return null;
            if (node is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain)
            {
                if (string.Equals(scalar.Value, "true", System.StringComparison.OrdinalIgnoreCase)) return true;
                if (string.Equals(scalar.Value, "false", System.StringComparison.OrdinalIgnoreCase)) return false;
            }
            WrongType(PathOf(key), FlagType, node);
            return null;
        }

        public YamlMappingNode? Map(string key, bool required = false)
        {
            var node = Present(key, required, MapType);
            if (node is null) return null;
            if (node is YamlMappingNode map) return map;
            WrongType(PathOf(key), MapType, node);
            return null;
        }

        public YamlSequenceNode? List(string key, bool required = false)
        {
            var node = Present(key, required, ListType);
            if (node is null) return null;
            if (node is YamlSequenceNode list) return list;
            WrongType(PathOf(key), ListType, node);
            return null;
        }

        /// <summary>The items of a list of maps, each with its path; items that are not maps are reported and skipped.</summary>
        public IReadOnlyList<(string Path, YamlMappingNode Node)> MapItems(string key, bool required = false)
        {
            var items = new List<(string, YamlMappingNode)>();
            var list = List(key, required);
            if (list is null) return items;
            for (var i = 0; i < list.Children.Count; i++)
            {
                var itemPath = ManifestPaths.Item(PathOf(key), i);
                var item = list.Children[i];
                _context.Place(itemPath, item);
                if (item is YamlMappingNode map) items.Add((itemPath, map));
                else WrongType(itemPath, MapType, item);
            }
            return items;
        }

        public IReadOnlyList<string> TextList(string key, bool required = false)
        {
            var texts = new List<string>();
            var list = List(key, required);
            if (list is null) return texts;
            for (var i = 0; i < list.Children.Count; i++)
            {
                var itemPath = ManifestPaths.Item(PathOf(key), i);
                var item = list.Children[i];
                _context.Place(itemPath, item);
                if (item is YamlScalarNode scalar && !IsNull(scalar)) texts.Add(scalar.Value ?? string.Empty);
                else WrongType(itemPath, TextType, item);
            }
            return texts;
        }

        public IReadOnlyDictionary<string, string> TextMap(string key)
        {
            var texts = new Dictionary<string, string>();
            var map = Map(key);
            if (map is null) return texts;
            foreach (var entry in map.Children)
            {
                if (!(entry.Key is YamlScalarNode name) || name.Value is null)
                {
                    _context.Report(_context.LocationOf(entry.Key), PathOf(key), "a key must be text, found " + Describe(entry.Key), TextMapType);
                    continue;
                }
                var entryPath = ManifestPaths.Field(PathOf(key), name.Value);
                _context.Place(entryPath, name);
                if (entry.Value is YamlScalarNode value) texts[name.Value] = IsNull(value) ? string.Empty : value.Value ?? string.Empty;
                else WrongType(entryPath, TextType, entry.Value);
            }
            return texts;
        }

        public void WrongType(string path, string expected, YamlNode found) =>
            _context.Report(path, "expected " + expected + ", found " + Describe(found), expected);

        public static bool IsNull(YamlNode node) =>
            node is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain
            && (string.IsNullOrEmpty(scalar.Value) || scalar.Value == "~" || string.Equals(scalar.Value, "null", System.StringComparison.OrdinalIgnoreCase));

        public static string Describe(YamlNode node) => node switch
        {
            YamlMappingNode _ => "a map",
            YamlSequenceNode _ => "a list",
            YamlScalarNode scalar when IsNull(scalar) => "nothing",
            YamlScalarNode scalar when scalar.Style == ScalarStyle.Plain => "text '" + scalar.Value + "'",
            YamlScalarNode scalar => "quoted text \"" + scalar.Value + "\"",
            _ => "an alias",
        };

        private YamlNode? Present(string key, bool required, string expected)
        {
            var node = Value(key);
            if (node is null && required) ReportMissing(key, expected);
            return node;
        }

        private void ReportMissing(string key, string expected)
        {
            var problem = "required field '" + key + "' is missing";
            // A key written without a value has its own place; otherwise, at the document's top, there is no
            // parent field whose place the SourceMap could fall back to.
            if (Path.Length == 0 && !_values.ContainsKey(key)) _context.Report(_context.LocationOf(_node), key, problem, expected);
            else _context.Report(PathOf(key), problem, expected);
        }

        private static string DisplayPath(string path) => path.Length == 0 ? "(document)" : path;
    }
}
