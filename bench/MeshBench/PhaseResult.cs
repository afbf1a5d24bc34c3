using System.Globalization;
using System.Text.Json;

namespace MultiCloud.Bench.Mesh;

/// <summary>What one apply cost: wall time, the plan's size, and SSH round trips by node.</summary>
internal sealed record PhaseResult(int Hosts, string Phase, TimeSpan Wall, int PlanTasks, IReadOnlyDictionary<string, int> RoundTrips, string? NewNode, string TaskTimes)
{
    public int TotalRoundTrips => RoundTrips.Values.Sum();

    /// <summary>Round trips per node, the new node (if any) first and marked.</summary>
    public string PerNode()
    {
        if (RoundTrips.Count == 0) return "none";
        var ordered = RoundTrips.OrderBy(p => p.Key == NewNode ? 0 : 1).ThenBy(p => p.Key, StringComparer.Ordinal);
        return string.Join(" ", ordered.Select(p => (p.Key == NewNode ? "new " : "") + p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture)));
    }

    public string TableRow() =>
        $"| {Hosts} | {Phase} | {Wall.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} | {TotalRoundTrips} | {PerNode()} | {TaskTimes} |";

    public static string TableHeader =>
        "| hosts | phase | wall time (s) | SSH round trips | round trips by node | time by plan task (s) |\n" +
        "|---:|---|---:|---:|---|---|";

    public string Json() => JsonSerializer.Serialize(new
    {
        hosts = Hosts,
        phase = Phase,
        wallSeconds = Math.Round(Wall.TotalSeconds, 2),
        planTasks = PlanTasks,
        roundTrips = RoundTrips,
        newNode = NewNode,
        taskTimes = TaskTimes,
    });
}
