using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Durations as a manifest writes them: hours, minutes and seconds such as "5m", "90s" or "1h30m".</summary>
    public static class Durations
    {
        public const string Form = "a duration such as 90s, 5m or 1h30m";

        private static readonly Regex Pattern = new Regex(@"^(?:(\d{1,4})h)?(?:(\d{1,6})m)?(?:(\d{1,7})s)?$", RegexOptions.CultureInvariant);

        /// <summary>The number of seconds, or null when the text is not a duration.</summary>
        public static int? TryParseSeconds(string text)
        {
            var match = Pattern.Match(text.Trim());
            if (!match.Success || text.Trim().Length == 0) return null;
            long seconds = Part(match, 1) * 3600 + Part(match, 2) * 60 + Part(match, 3);
            return seconds > int.MaxValue ? (int?)null : (int)seconds;
        }

        /// <summary>The shortest form that reads back as the same number of seconds ("0s" for zero).</summary>
        public static string Format(int seconds)
        {
            if (seconds <= 0) return "0s";
            var text = new StringBuilder();
            if (seconds >= 3600) text.Append((seconds / 3600).ToString(CultureInfo.InvariantCulture)).Append('h');
            if (seconds % 3600 >= 60) text.Append((seconds % 3600 / 60).ToString(CultureInfo.InvariantCulture)).Append('m');
            if (seconds % 60 > 0) text.Append((seconds % 60).ToString(CultureInfo.InvariantCulture)).Append('s');
            return text.ToString();
        }

        private static long Part(Match match, int group) =>
            match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
    }
}
