using MultiCloud.Cli.Output;
using MultiCloud.Engine.Execution;
using Xunit;

namespace MultiCloud.Cli.Tests.Output;

public sealed class ProgressPrinterTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 2, 12, 0, 1, TimeSpan.Zero);

    private static EngineEvent Event(EngineEventKind kind, string? target = null, double? seconds = null, string message = "") => new()
    {
        Kind = kind,
        TaskId = "prepare",
        StepName = "prepare-nodes",
        Target = target,
        Message = message,
        Duration = seconds is null ? null : TimeSpan.FromSeconds(seconds.Value),
    };

    [Fact]
    public void Report_StepFinishedAfterTargets_PrintsTimestampedLineWithTargetCount()
    {
        var stderr = new StringWriter();
        var printer = new ProgressPrinter(new ErrorStream(stderr, isInteractive: false, () => 80), () => Noon);

        printer.Report(Event(EngineEventKind.StepStarted));
        foreach (var node in new[] { "n1", "n2", "n3" }) printer.Report(Event(EngineEventKind.TargetFinished, node, 10));
        printer.Report(Event(EngineEventKind.StepFinished, seconds: 42.1));

        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("[12:00:01] step prepare/prepare-nodes finished on 3 targets in 42.1s", lines[^1]);
        Assert.All(lines, line => Assert.StartsWith("[12:00:01] ", line));
    }

    [Theory]
    [InlineData(EngineEventKind.TargetFailed, "[12:00:01] step prepare/prepare-nodes failed on n1 in 2.0s: exit code 1")]
    [InlineData(EngineEventKind.Warning, "[12:00:01] warning: exit code 1")]
    [InlineData(EngineEventKind.StepSkipped, "[12:00:01] step prepare/prepare-nodes skipped: exit code 1")]
    public void Report_PlainEvent_PrintsOneLine(EngineEventKind kind, string expected)
    {
        var stderr = new StringWriter();
        var printer = new ProgressPrinter(new ErrorStream(stderr, isInteractive: false, () => 80), () => Noon);

        printer.Report(Event(kind, "n1", 2, "exit code 1"));

        Assert.Equal(expected + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void Report_TargetStartedOffTerminal_PrintsNothing()
    {
        var stderr = new StringWriter();
        var printer = new ProgressPrinter(new ErrorStream(stderr, isInteractive: false, () => 80), () => Noon);

        printer.Report(Event(EngineEventKind.TargetStarted, "n1"));

        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void Report_OnTerminal_KeepsStatusLineAndPrintsFinishedSteps()
    {
        var stderr = new StringWriter();
        var printer = new ProgressPrinter(new ErrorStream(stderr, isInteractive: true, () => 80), () => Noon);

        printer.Report(Event(EngineEventKind.TargetStarted, "n1") with { PercentComplete = 40 });
        printer.Report(Event(EngineEventKind.StepFinished, seconds: 3));
        printer.Complete();

        var text = stderr.ToString();
        Assert.Contains("[ 40%] prepare/prepare-nodes on n1", text);
        Assert.Contains("step prepare/prepare-nodes finished in 3.0s" + Environment.NewLine, text);
        Assert.EndsWith("\r", text);
    }

    [Fact]
    public void Report_ManyThreads_EveryLineWhole()
    {
        var stderr = new StringWriter();
        var printer = new ProgressPrinter(new ErrorStream(stderr, isInteractive: false, () => 80), () => Noon);

        Parallel.For(0, 200, i => printer.Report(Event(EngineEventKind.Warning, message: "w" + i)));

        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(200, lines.Length);
        Assert.All(lines, line => Assert.Matches(@"^\[12:00:01\] warning: w\d+$", line));
    }
}
