using MultiCloud.Cli.Output;
using MultiCloud.Engine;
using MultiCloud.Engine.Manifest;
using Xunit;

namespace MultiCloud.Cli.Tests.Output;

public sealed class ErrorReporterTests
{
    public static TheoryData<Exception, int> ExitCodeCases() => new()
    {
        { new MultiCloudException(ErrorIds.StepFailed, ErrorKind.Failed, "x"), ExitCodes.EngineError },
        { new MultiCloudException(ErrorIds.ClusterNotFound, ErrorKind.NotFound, "x"), ExitCodes.NotFound },
        { new MultiCloudException(ErrorIds.ManifestNotFound, ErrorKind.NotFound, "x"), ExitCodes.Usage },
        { new MultiCloudException(ErrorIds.StateLocked, ErrorKind.Busy, "x"), ExitCodes.Busy },
        { new MultiCloudException(ErrorIds.InvalidEdit, ErrorKind.InvalidArgument, "x"), ExitCodes.Usage },
        { new MultiCloudException(ErrorIds.OperationCanceled, ErrorKind.Canceled, "x"), ExitCodes.Canceled },
        { new ManifestException("m.yaml", Array.Empty<ManifestDiagnostic>()), ExitCodes.Usage },
        { new OperationCanceledException(), ExitCodes.Canceled },
        { new InvalidOperationException("x"), ExitCodes.EngineError },
    };

    [Theory]
    [MemberData(nameof(ExitCodeCases))]
    public void ExitCodeOf_Exception_MapsToDocumentedCode(Exception exception, int expected) =>
        Assert.Equal(expected, ErrorReporter.ExitCodeOf(exception));

    [Fact]
    public void Report_ManifestException_PrintsHeaderThenEachDiagnostic()
    {
        var stderr = new StringWriter();
        var diagnostics = new[]
        {
            new ManifestDiagnostic(new SourceLocation("m.yaml", 3, 5), "spec.colour", "unknown field", "providers, nodePools"),
            new ManifestDiagnostic(new SourceLocation("m.yaml", 9, 1), "spec.kubernetes", "missing", ""),
        };

        new ErrorReporter(new ErrorStream(stderr, false, () => 80), debug: false).Report(new ManifestException("m.yaml", diagnostics));

        Assert.Equal(new[]
        {
            "error ManifestInvalid: m.yaml has 2 problem(s):",
            "m.yaml:3:5: spec.colour: unknown field (allowed: providers, nodePools)",
            "m.yaml:9:1: spec.kubernetes: missing",
        }, stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Report_WithoutDebug_PrintsNoStackTrace()
    {
        var stderr = new StringWriter();
        Exception thrown;
        try
        {
            throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.Failed, "step broke");
        }
        catch (Exception e)
        {
            thrown = e;
        }

        new ErrorReporter(new ErrorStream(stderr, false, () => 80), debug: false).Report(thrown);

        Assert.Equal("error StepFailed: step broke" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void Report_WithDebug_AddsStackTrace()
    {
        var stderr = new StringWriter();
        Exception thrown;
        try
        {
            throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.Failed, "step broke");
        }
        catch (Exception e)
        {
            thrown = e;
        }

        new ErrorReporter(new ErrorStream(stderr, false, () => 80), debug: true).Report(thrown);

        Assert.Contains(nameof(Report_WithDebug_AddsStackTrace), stderr.ToString());
    }
}
