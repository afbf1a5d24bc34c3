using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiCloud.Engine.Client
{
    /// <summary>What a list of name patterns selected, and a NotFound error for each plain name that matched nothing.</summary>
    public sealed record Selection<T>(IReadOnlyList<T> Items, IReadOnlyList<MultiCloudException> NotFound)
    {
        /// <summary>The items, or the first NotFound error for callers that take one name and treat a miss as failure.</summary>
        public IReadOnlyList<T> ItemsOrThrow() => NotFound.Count > 0 ? throw NotFound[0] : Items;
    }

    /// <summary>
    /// How every query by name behaves in both hosts (clusters, node pools, nodes): names are * and ? patterns,
    /// case-insensitive; no names selects everything; items come out once each in their own order; a name without
    /// wildcards that matches nothing is a NotFound error of its own (as Get-Process does), a pattern that matches
    /// nothing is not.
    /// </summary>
    public static class NameSelection
    {
        public static Selection<T> Select<T>(IEnumerable<T> items, Func<T, string> nameOf, IReadOnlyList<string>? patterns, Func<string, MultiCloudException> notFound)
        {
            var all = items.ToList();
            if (patterns is null || patterns.Count == 0) return new Selection<T>(all, Array.Empty<MultiCloudException>());
            var selected = all.Where(item => patterns.Any(pattern => Wildcard.IsMatch(nameOf(item), pattern))).ToList();
            var missing = patterns
                .Where(pattern => !Wildcard.HasWildcards(pattern) && !all.Any(item => Wildcard.IsMatch(nameOf(item), pattern)))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(notFound)
                .ToList();
            return new Selection<T>(selected, missing);
        }

        /// <summary>"known: a, b" or "there are none", for NotFound messages.</summary>
        public static string Known(IEnumerable<string> names)
        {
            var list = names.ToList();
            return list.Count == 0 ? "there are none" : "known: " + string.Join(", ", list);
        }
    }
}
