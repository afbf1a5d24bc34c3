using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// Writes a node pool with a leading "kind" ("dynamic" or "static") and reads it back by that kind, wherever
    /// the property appears in the object, so hand-edited state still loads. Keeps JSON attributes out of the model.
    /// </summary>
    internal sealed class NodePoolSpecJsonConverter : JsonConverter<NodePoolSpec>
    {
        public const string KindPropertyName = "kind";
        public const string DynamicKind = "dynamic";
        public const string StaticKind = "static";
        private const string NamePropertyName = "name";

        public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(NodePoolSpec);

        public override NodePoolSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var element = document.RootElement;
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("a node pool must be a JSON object");
            }

            if (!element.TryGetProperty(KindPropertyName, out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
            {
                throw new JsonException($"a node pool has no \"{KindPropertyName}\" (\"{DynamicKind}\" or \"{StaticKind}\")");
            }

            var kind = kindElement.GetString();
            var concreteType = kind switch
            {
                DynamicKind => typeof(DynamicNodePoolSpec),
                StaticKind => typeof(StaticNodePoolSpec),
                _ => throw new JsonException($"unknown node pool kind \"{kind}\"; expected \"{DynamicKind}\" or \"{StaticKind}\""),
            };

            return (NodePoolSpec?)element.Deserialize(concreteType, options)
                ?? throw new JsonException("a node pool must not be null");
        }

        public override void Write(Utf8JsonWriter writer, NodePoolSpec value, JsonSerializerOptions options)
        {
            var kind = value switch
            {
                DynamicNodePoolSpec => DynamicKind,
                StaticNodePoolSpec => StaticKind,
                _ => throw new NotSupportedException($"node pool type {value.GetType().Name} has no JSON kind"),
            };

            writer.WriteStartObject();
            writer.WriteString(KindPropertyName, kind);
            using (var body = JsonSerializer.SerializeToDocument(value, value.GetType(), options))
            {
                // The serializer lists the derived type's properties first; kind and name read better at the top.
                var nameFirst = body.RootElement.EnumerateObject()
                    .OrderBy(property => property.NameEquals(NamePropertyName) ? 0 : 1);
                foreach (var property in nameFirst)
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }
    }
}
