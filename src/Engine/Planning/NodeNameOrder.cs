using System;
using System.Collections.Generic;
using System.Globalization;

namespace MultiCloud.Engine.Planning
{
    /// <summary>Orders node names naturally, so "compute-2" comes before "compute-10".</summary>
    internal sealed class NodeNameOrder : IComparer<string>
    {
        public static NodeNameOrder Instance { get; } = new NodeNameOrder();

        public int Compare(string? x, string? y)
        {
            if (x is null || y is null) return string.CompareOrdinal(x, y);
            var (xStem, xNumber) = Split(x);
            var (yStem, yNumber) = Split(y);
            var byStem = string.CompareOrdinal(xStem, yStem);
            if (byStem != 0) return byStem;
            var byNumber = xNumber.CompareTo(yNumber);
            return byNumber != 0 ? byNumber : string.CompareOrdinal(x, y);
        }

        /// <summary>The index n of a "&lt;pool&gt;-&lt;n&gt;" name, or null for any other name.</summary>
        public static int? IndexIn(string name, string pool)
        {
            var prefix = pool + "-";
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length) return null;
            var digits = name.Substring(prefix.Length);
            foreach (var c in digits)
                if (c < '0' || c > '9') return null;
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : (int?)null;
        }

        public static string NameFor(string pool, int index) => pool + "-" + index.ToString(CultureInfo.InvariantCulture);

        private static (string Stem, long Number) Split(string name)
        {
            var cut = name.Length;
            while (cut > 0 && name[cut - 1] >= '0' && name[cut - 1] <= '9') cut--;
            if (cut == name.Length || name.Length - cut > 18) return (name, -1);
            return (name.Substring(0, cut), long.Parse(name.Substring(cut), CultureInfo.InvariantCulture));
        }
    }
}
