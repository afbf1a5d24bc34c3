using System.Collections.Generic;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>Reads the labels, annotations and taints a dynamic or static Claudie pool puts on its nodes.</summary>
    internal static class NodeMetadataParser
    {
        // timeAdded belongs to Kubernetes' Taint type but is set by the node controller, never by a pool.
        private static readonly string[] TaintFields = { "key", "value", "effect", "timeAdded" };

        public static IReadOnlyDictionary<string, string> Map(MappingView pool, string field, SourceEntries source)
        {
            var values = new Dictionary<string, string>();
            foreach (var (key, value) in pool.StringMap(field))
            {
                values[key.Value] = value.Value;
                source.Add("." + field + "." + key.Value, key);
            }
            if (pool.Has(field)) source.Add("." + field, pool.LocationOf(field), pool.FieldPath(field));
            return values;
        }

        public static IReadOnlyList<TaintSpec> Taints(MappingView pool, ImportContext context, SourceEntries source)
        {
            var taints = new List<TaintSpec>();
            if (pool.Has("taints")) source.Add(".taints", pool.LocationOf("taints"), pool.FieldPath("taints"));
            foreach (var (node, path) in pool.Sequence("taints"))
            {
                var fields = MappingView.Open(context, node, path, TaintFields);
                if (fields is null) continue;
                var relative = ".taints[" + taints.Count + "]";
                var key = fields.RequiredString("key");
                var value = fields.String("value");
                var effectText = fields.RequiredString("effect");
                var effect = TaintEffect.NoSchedule;
                if (effectText.Value.Length > 0 && !ManifestVocabulary.TryParseTaintEffect(effectText.Value, out effect))
                    context.Report(effectText.Location, effectText.Path, "unknown taint effect '" + effectText.Value + "'", string.Join(", ", ManifestVocabulary.TaintEffects));
                fields.String("timeAdded");

                source.Add(relative, fields.Location, path);
                source.Add(relative + ".key", key);
                source.Add(relative + ".value", value);
                source.Add(relative + ".effect", effectText);
                taints.Add(new TaintSpec(key.Value, value?.Value, effect));
            }
            return taints;
        }
    }
}
