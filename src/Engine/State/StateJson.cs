using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// The JSON form of state (and of specs and plans, for front ends that print JSON): camelCase names, enums as
    /// camelCase strings, node pools tagged with "kind", nulls and computed properties left out, indented.
    /// </summary>
    public static class StateJson
    {
        /// <summary>Read-only; copy with <c>new JsonSerializerOptions(StateJson.Options)</c> to change something.</summary>
        public static JsonSerializerOptions Options { get; } = CreateOptions();

        public static string Serialize(ClusterState state) => JsonSerializer.Serialize(state, Options);

        /// <summary>
        /// Reads a state document. Fails with StateVersionUnsupported for a newer format and StateCorrupt for
        /// anything unreadable; <paramref name="sourceForErrors"/> (usually the file path) is named in both.
        /// </summary>
        public static ClusterState Deserialize(string json, string sourceForErrors)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException e)
            {
                throw Corrupt(sourceForErrors, e.Message, e);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw Corrupt(sourceForErrors, "the document is not a JSON object", null);
                }

                CheckFormatVersion(root, sourceForErrors);
                ClusterState state;
                try
                {
                    state = root.Deserialize<ClusterState>(Options)
                        ?? throw Corrupt(sourceForErrors, "the document is empty", null);
                }
                catch (Exception e) when (e is JsonException || e is NotSupportedException || e is InvalidOperationException || e is ArgumentException)
                {
                    throw Corrupt(sourceForErrors, e.Message, e);
                }

                var problems = StateValidator.Problems(state);
                if (problems.Count > 0) throw Corrupt(sourceForErrors, Summarize(problems), null);
                return state;
            }
        }

        /// <summary>The first problems, one per line, and how many more there are.</summary>
        private static string Summarize(IReadOnlyList<string> problems)
        {
            const int Shown = 10;
            var text = string.Join("\n  ", problems.Take(Shown));
            var more = problems.Count > Shown ? $"\n  … and {problems.Count - Shown} more" : string.Empty;
            return $"{problems.Count} problem(s):\n  " + text + more;
        }

        private static void CheckFormatVersion(JsonElement root, string source)
        {
            if (!root.TryGetProperty("formatVersion", out var element)
                || element.ValueKind != JsonValueKind.Number
                || !element.TryGetInt32(out var version)
                || version < 1)
            {
                throw Corrupt(source, "it has no valid formatVersion", null);
            }

            if (version > ClusterState.CurrentFormatVersion)
            {
                throw new MultiCloudException(
                    ErrorIds.StateVersionUnsupported,
                    ErrorKind.NotSupported,
                    $"'{source}' is state format version {version}, but this version of MultiCloud reads format version {ClusterState.CurrentFormatVersion} at most; update MultiCloud to work with this cluster")
                {
                    Target = source,
                };
            }
        }

        private static MultiCloudException Corrupt(string source, string reason, Exception? inner) =>
            new MultiCloudException(ErrorIds.StateCorrupt, ErrorKind.InvalidData, $"'{source}' is not a valid MultiCloud state document: {reason}", inner)
            {
                Target = source,
            };

        private static JsonSerializerOptions CreateOptions()
        {
            var options = new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                WriteIndented = true,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitComputedProperties } },
            };
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            options.Converters.Add(new NodePoolSpecJsonConverter());
            options.MakeReadOnly();
            return options;
        }

        /// <summary>
        /// Properties computed from others (DesiredCount, IsApiServer, IsEmpty …) are left out: writing them would
        /// only invite hand edits that are silently ignored. Get-only auto-properties hold data and stay.
        /// </summary>
        private static void OmitComputedProperties(JsonTypeInfo typeInfo)
        {
            if (typeInfo.Kind != JsonTypeInfoKind.Object
                || typeInfo.Type.Namespace is null
                || !typeInfo.Type.Namespace.StartsWith("MultiCloud.", StringComparison.Ordinal))
            {
                return;
            }

            for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
            {
                if (IsComputed(typeInfo.Properties[i]))
                {
                    typeInfo.Properties.RemoveAt(i);
                }
            }
        }

        private static bool IsComputed(JsonPropertyInfo property)
        {
            if (property.AttributeProvider is not PropertyInfo info || info.GetSetMethod(nonPublic: true) is not null)
            {
                return false;
            }

            var backingField = info.DeclaringType?.GetField("<" + info.Name + ">k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);
            return backingField is null;
        }
    }
}
