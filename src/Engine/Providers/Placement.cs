using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Manifest;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// The pools of one provider instance in one region that a plan would create machines in: what
    /// <see cref="IMachineProvider.CheckPlacementAsync"/> is asked about.
    /// </summary>
    public sealed record PlacementRequest(string Region, IReadOnlyList<PoolPlacement> Pools);

    /// <summary>Where one pool's machines would go: its server type and, when the manifest names one, its zone.</summary>
    public sealed record PoolPlacement(string Pool, string ServerType, string? Zone = null);

    /// <summary>The manifest field of a dynamic pool a placement problem is about.</summary>
    public enum PlacementField { Region, Zone, ServerType }

    /// <summary>
    /// One value the cloud's catalogue does not offer: which pool and field, the value, what is wrong, and the closest
    /// names the catalogue does offer (at most <see cref="ClosestNames.DefaultCount"/>, nearest first).
    /// </summary>
    public sealed record PlacementProblem(string Pool, PlacementField Field, string Value, string Problem, IReadOnlyList<string> Closest);

    /// <summary>
    /// What a catalogue check found: the problems (none: every pool fits), or that the provider could not check (no
    /// credentials it may use at plan time, a provider type without a catalogue) and why.
    /// </summary>
    public sealed record PlacementResult
    {
        public IReadOnlyList<PlacementProblem> Problems { get; init; } = Array.Empty<PlacementProblem>();

        /// <summary>Why the catalogue was not asked; null when it was.</summary>
        public string? NotCheckedBecause { get; init; }

        public bool Checked => NotCheckedBecause is null;

        public static PlacementResult Found(IEnumerable<PlacementProblem> problems) => new PlacementResult { Problems = problems.ToList() };

        public static PlacementResult NotChecked(string because) => new PlacementResult { NotCheckedBecause = because };
    }

    /// <summary>The catalogue names nearest to a value the catalogue does not have, for "did you mean" lists.</summary>
    public static class ClosestNames
    {
        public const int DefaultCount = 3;

        /// <summary>Up to <paramref name="count"/> candidates by edit distance (case ignored), ties in ordinal order.</summary>
        public static IReadOnlyList<string> Find(string value, IEnumerable<string> candidates, int count = DefaultCount)
        {
            var word = value.ToLowerInvariant();
            return candidates.Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(c => (Name: c, Distance: NameSuggestion.Distance(word, c.ToLowerInvariant())))
                .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Take(count).Select(c => c.Name).ToList();
        }

        /// <summary>A problem for a value the catalogue lacks, with the closest of <paramref name="offered"/>.</summary>
        public static PlacementProblem Problem(string pool, PlacementField field, string value, string problem, IEnumerable<string> offered) =>
            new PlacementProblem(pool, field, value, problem, Find(value, offered));
    }
}
