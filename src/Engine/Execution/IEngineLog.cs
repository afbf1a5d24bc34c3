namespace MultiCloud.Engine.Execution
{
    public enum LogLevel { Debug, Verbose, Information, Warning, Error }

    /// <summary>Where the engine writes diagnostics. Never the console: front ends decide what to show.</summary>
    public interface IEngineLog
    {
        void Write(LogLevel level, string message);
    }

    /// <summary>Discards everything; for callers that do not care.</summary>
    public sealed class NullEngineLog : IEngineLog
    {
        public static NullEngineLog Instance { get; } = new NullEngineLog();
        public void Write(LogLevel level, string message) { }
    }
}
