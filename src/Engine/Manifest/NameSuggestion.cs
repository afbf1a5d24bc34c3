using System;
using System.Collections.Generic;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Finds the allowed word a misspelt one was probably meant to be.</summary>
    internal static class NameSuggestion
    {
        /// <summary>The closest candidate, or null when none is close enough to be a plausible typo.</summary>
        public static string? Closest(string word, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates)
            {
                var distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            if (best is null) return null;
            // Beyond half the longer word the "suggestion" is an unrelated field and would only mislead.
            return bestDistance <= Math.Max(word.Length, best.Length) / 2 ? best : null;
        }

        /// <summary>Levenshtein edit distance.</summary>
        public static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }
                var swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }
    }
}
