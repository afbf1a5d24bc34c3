using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Thin layer over the YamlDotNet emitter that quotes exactly the text values a YAML reader would otherwise
    /// take for something else (null, true, 3, 1.5, 2024-01-01), so exported text reads back as text.
    /// </summary>
    internal sealed class YamlEventWriter
    {
        private static readonly Regex NonTextPattern = new Regex(
            @"^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
            + @"|[-+]?[0-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+"
            + @"|[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
            + @"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)\z",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        private readonly IEmitter _emitter;

        public YamlEventWriter(IEmitter emitter) => _emitter = emitter;

        public void BeginMap(bool flow = false) =>
            _emitter.Emit(new MappingStart(null, null, true, flow ? MappingStyle.Flow : MappingStyle.Block));

        public void EndMap() => _emitter.Emit(new MappingEnd());

        public void BeginList(bool flow = false) =>
            _emitter.Emit(new SequenceStart(null, null, true, flow ? SequenceStyle.Flow : SequenceStyle.Block));

        public void EndList() => _emitter.Emit(new SequenceEnd());

        public void Text(string value)
        {
            var style = value.Length == 0 || NonTextPattern.IsMatch(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
            _emitter.Emit(new Scalar(null, null, value, style, style != ScalarStyle.DoubleQuoted, true));
        }

        public void Number(long value) =>
            _emitter.Emit(new Scalar(null, null, value.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarStyle.Plain, true, false));

        public void Flag(bool value) => _emitter.Emit(new Scalar(null, null, value ? "true" : "false", ScalarStyle.Plain, true, false));

        public void Key(string name) => Text(name);

        public void Field(string name, string? value)
        {
            if (value is null) return;
            Key(name);
            Text(value);
        }

        public void Field(string name, int? value)
        {
            if (value is null) return;
            Key(name);
            Number(value.Value);
        }

        public void TextList(string name, System.Collections.Generic.IReadOnlyList<string> values)
        {
            if (values.Count == 0) return;
            Key(name);
            BeginList(flow: true);
            foreach (var value in values) Text(value);
            EndList();
        }

        public void TextMap(string name, System.Collections.Generic.IReadOnlyDictionary<string, string> values)
        {
            if (values.Count == 0) return;
            Key(name);
            BeginMap();
            foreach (var entry in values) Field(entry.Key, entry.Value);
            EndMap();
        }
    }
}
