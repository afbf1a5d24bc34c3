using MultiCloud.Engine.Execution;

namespace MultiCloud.Cli.Output
{
    /// <summary>Engine diagnostics on stderr (--verbose, --debug), marked as log lines so they do not read as the run's own errors.</summary>
    public sealed class ConsoleEngineLog : IEngineLog
    {
        private readonly ErrorStream _error;
        private readonly LogLevel _minimum;

        public ConsoleEngineLog(ErrorStream error, LogLevel minimum)
        {
            _error = error;
            _minimum = minimum;
        }

        public void Write(LogLevel level, string message)
        {
            if (level < _minimum) return;
            _error.WriteLine("log " + level.ToString().ToLowerInvariant() + ": " + message);
        }
    }
}
