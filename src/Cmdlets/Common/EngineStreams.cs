using System;
using System.Management.Automation;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Cmdlets
{
    /// <summary>Where a run's progress, verbose, warning and debug output goes: the cmdlet's own streams, or a job's.</summary>
    internal interface IEngineStreams
    {
        void WriteProgress(ProgressRecord record);
        void WriteVerbose(string text);
        void WriteWarning(string text);
        void WriteDebug(string text);
    }

    /// <summary>
    /// How both the foreground and a job show what the engine says, so each line appears once: the engine's log lines
    /// are the verbose, warning and debug output (every event is logged too), and events only move the progress bars.
    /// </summary>
    internal static class EngineOutput
    {
        public static void Show(object item, ProgressView? view, IEngineStreams streams)
        {
            switch (item)
            {
                case EngineEvent engineEvent when view != null:
                    foreach (var record in view.Update(engineEvent)) streams.WriteProgress(record);
                    break;
                case EngineLogLine line when line.Level == LogLevel.Debug:
                    streams.WriteDebug(line.Message);
                    break;
                case EngineLogLine line when line.Level == LogLevel.Warning:
                    streams.WriteWarning(line.Message);
                    break;
                case EngineLogLine line:
                    // Errors the engine logs also reach the caller as the failure itself; verbose avoids saying it twice.
                    streams.WriteVerbose(line.Level == LogLevel.Error ? "error: " + line.Message : line.Message);
                    break;
            }
        }
    }
}
