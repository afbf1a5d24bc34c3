using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// Finds nulls where the model's nullable annotations allow none: a JSON document can hold "nodes": null or a
    /// null node, which the serializer accepts and the engine would only trip over later. Walks the whole object
    /// graph of MultiCloud types, lists and maps included, and names each place by its JSON path.
    /// </summary>
    internal static class StateShape
    {
        private static readonly NullabilityInfoContext Nullability = new NullabilityInfoContext();

        // Reflection once per type: a state with thousands of nodes visits the same few properties over and over.
        private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name, NullabilityInfo Info)[]> Properties =
            new ConcurrentDictionary<Type, (PropertyInfo, string, NullabilityInfo)[]>();

        public static void Check(object root, string path, List<string> problems) => Walk(root, path, problems);

        private static void Walk(object value, string path, List<string> problems)
        {
            var type = value.GetType();
            if (!IsModelType(type)) return;
            foreach (var (property, name, info) in Properties.GetOrAdd(type, Describe))
            {
                Visit(property.GetValue(value), info, path.Length == 0 ? name : path + "." + name, problems);
            }
        }

        private static (PropertyInfo, string, NullabilityInfo)[] Describe(Type type)
        {
            lock (Nullability)
            {
                return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(property => property.GetIndexParameters().Length == 0 && property.GetMethod is not null)
                    .Select(property => (property, JsonNamingPolicy.CamelCase.ConvertName(property.Name), Nullability.Create(property)))
                    .ToArray();
            }
        }

        private static void Visit(object? value, NullabilityInfo info, string path, List<string> problems)
        {
            if (value is null)
            {
                if (info.ReadState == NullabilityState.NotNull) problems.Add(path + ": is missing or null");
                return;
            }
            if (value is string) return;
            if (value is IDictionary dictionary)
            {
                var valueInfo = info.GenericTypeArguments.Length == 2 ? info.GenericTypeArguments[1] : null;
                foreach (DictionaryEntry entry in dictionary)
                {
                    var entryPath = path + "." + Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                    if (valueInfo != null) Visit(entry.Value, valueInfo, entryPath, problems);
                }
                return;
            }
            if (value is IEnumerable items)
            {
                var itemInfo = info.ElementType ?? (info.GenericTypeArguments.Length == 1 ? info.GenericTypeArguments[0] : null);
                var index = 0;
                foreach (var item in items)
                {
                    var itemPath = path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
                    if (itemInfo != null) Visit(item, itemInfo, itemPath, problems);
                    index++;
                }
                return;
            }
            Walk(value, path, problems);
        }

        private static bool IsModelType(Type type) =>
            type.Namespace != null && type.Namespace.StartsWith("MultiCloud.Engine", StringComparison.Ordinal) && !type.IsEnum && !type.IsPrimitive;
    }
}
