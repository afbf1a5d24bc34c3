using System;
using System.Globalization;

namespace MultiCloud.Cli.Output
{
    /// <summary>Short human durations: "42.1s", "3m07s", "1h02m".</summary>
    public static class Durations
    {
        public static string Format(TimeSpan duration)
        {
            if (duration.TotalSeconds < 60)
                return duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
            if (duration.TotalMinutes < 60)
                return ((int)duration.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m" + duration.Seconds.ToString("00", CultureInfo.InvariantCulture) + "s";
            return ((int)duration.TotalHours).ToString(CultureInfo.InvariantCulture) + "h" + duration.Minutes.ToString("00", CultureInfo.InvariantCulture) + "m";
        }
    }
}
