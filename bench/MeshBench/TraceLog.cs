using System.Diagnostics;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Bench.Mesh;

/// <summary>The engine's log on stderr with the milliseconds since the benchmark started (MC_BENCH_TRACE=1), to see where a phase's time goes.</summary>
internal sealed class TraceLog : IEngineLog
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static IEngineLog FromEnvironment() =>
        Environment.GetEnvironmentVariable("MC_BENCH_TRACE") == "1" ? new TraceLog() : NullEngineLog.Instance;

    public void Write(LogLevel level, string message) =>
        Console.Error.WriteLine($"[{Clock.ElapsedMilliseconds,7} ms] {level}: {message}");
}
