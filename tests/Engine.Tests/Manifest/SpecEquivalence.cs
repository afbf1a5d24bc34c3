using System.Collections;
using System.Reflection;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>
    /// Structural equality for specs: records compare their lists and dictionaries by reference, but a spec read
    /// back from YAML is equal when every value inside is equal.
    /// </summary>
    internal static class SpecEquivalence
    {
        public static void AssertEquivalent(object? expected, object? actual) => Compare(expected, actual, "spec");

        private static void Compare(object? expected, object? actual, string path)
        {
            if (expected is null || actual is null)
            {
                Assert.True(expected is null && actual is null, path + ": expected " + (expected ?? "null") + ", actual " + (actual ?? "null"));
                return;
            }
            var type = expected.GetType();
            if (type.IsPrimitive || type.IsEnum || expected is string)
            {
                Assert.True(Equals(expected, actual), path + ": expected '" + expected + "', actual '" + actual + "'");
                return;
            }
            if (expected is IDictionary expectedMap)
            {
                var actualMap = (IDictionary)actual;
                Assert.True(expectedMap.Count == actualMap.Count, path + ": expected " + expectedMap.Count + " entries, actual " + actualMap.Count);
                foreach (DictionaryEntry entry in expectedMap)
                {
                    Assert.True(actualMap.Contains(entry.Key), path + ": missing key " + entry.Key);
                    Compare(entry.Value, actualMap[entry.Key], path + "[" + entry.Key + "]");
                }
                return;
            }
            if (expected is IEnumerable expectedItems)
            {
                var left = expectedItems.Cast<object?>().ToList();
                var right = ((IEnumerable)actual).Cast<object?>().ToList();
                Assert.True(left.Count == right.Count, path + ": expected " + left.Count + " items, actual " + right.Count);
                for (var i = 0; i < left.Count; i++) Compare(left[i], right[i], path + "[" + i + "]");
                return;
            }
            // Collections may differ in their concrete type (array or list); records must not.
            Assert.True(type == actual.GetType(), path + ": expected a " + type.Name + ", actual a " + actual.GetType().Name);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                Compare(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name);
        }
    }
}
