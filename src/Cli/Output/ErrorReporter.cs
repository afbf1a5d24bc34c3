using System;
using MultiCloud.Engine;
using MultiCloud.Engine.Manifest;

namespace MultiCloud.Cli.Output
{
    /// <summary>
    /// Turns a failure into lines on stderr ("error &lt;ErrorId&gt;: message") and an exit code. Engine messages are
    /// already free of secrets; stack traces appear only with --debug.
    /// </summary>
    public sealed class ErrorReporter
    {
        private readonly ErrorStream _error;
        private readonly bool _debug;

        public ErrorReporter(ErrorStream error, bool debug)
        {
            _error = error;
            _debug = debug;
        }

        public int Report(Exception exception)
        {
            switch (exception)
            {
                case ManifestException manifest:
                    _error.WriteLine($"error {manifest.ErrorId}: {manifest.Target} has {manifest.Diagnostics.Count} problem(s):");
                    foreach (var diagnostic in manifest.Diagnostics) _error.WriteLine(diagnostic.ToString());
                    break;
                case MultiCloudException engine:
                    _error.WriteLine($"error {engine.ErrorId}: {engine.Message}");
                    for (var inner = engine.InnerException; inner is not null; inner = inner.InnerException)
                    {
                        if (inner is MultiCloudException cause) _error.WriteLine($"  caused by {cause.ErrorId}: {cause.Message}");
                    }
                    break;
                case OperationCanceledException:
                    _error.WriteLine($"error {ErrorIds.OperationCanceled}: canceled; finished steps are recorded, `multicloud sync` resumes");
                    break;
                default:
                    _error.WriteLine($"error {ErrorIds.InternalError}: {exception.GetType().Name}: {exception.Message}");
                    if (!_debug) _error.WriteLine("  (run again with --debug for the stack trace)");
                    break;
            }
            if (_debug) _error.WriteLine(exception.ToString());
            return ExitCodeOf(exception);
        }

        public static int ExitCodeOf(Exception exception)
        {
            if (exception is OperationCanceledException) return ExitCodes.Canceled;
            if (exception is not MultiCloudException engine) return ExitCodes.EngineError;
            switch (engine.ErrorId)
            {
                case ErrorIds.ManifestInvalid:
                case ErrorIds.ManifestNotFound:
                case ErrorIds.CommandLineInvalid:
                case ErrorIds.ConfirmationRequired:
                    return ExitCodes.Usage;
            }
            switch (engine.Kind)
            {
                case ErrorKind.InvalidArgument: return ExitCodes.Usage;
                case ErrorKind.NotFound: return ExitCodes.NotFound;
                case ErrorKind.Busy: return ExitCodes.Busy;
                case ErrorKind.Canceled: return ExitCodes.Canceled;
                default: return ExitCodes.EngineError;
            }
        }
    }
}
