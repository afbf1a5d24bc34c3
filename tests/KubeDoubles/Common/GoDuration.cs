using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiCloud.KubeDoubles.Common;

/// <summary>Go's time.ParseDuration syntax ("15m", "1h30m", "24h0m0s"), which kubeadm uses for TTLs.</summary>
public static partial class GoDuration
{
    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex Part();

    public static TimeSpan? TryParse(string text)
    {
        if (text == "0") return TimeSpan.Zero;
        var rest = text;
        var total = TimeSpan.Zero;
        if (rest.Length == 0) return null;
        while (rest.Length > 0)
        {
            var match = Part().Match(rest);
            if (!match.Success) return null;
            var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                "ms" => TimeSpan.FromMilliseconds(number),
                _ => TimeSpan.FromTicks((long)(number / 100)),
            };
            rest = rest[match.Length..];
        }
        return total;
    }

    public static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes}m{span.Seconds}s"
        : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds}s" : $"{span.Seconds}s";
}
