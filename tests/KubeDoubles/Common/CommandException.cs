namespace MultiCloud.KubeDoubles.Common;

/// <summary>An error a command reports the way the real component does: its message on stderr, then an exit code.</summary>
public sealed class CommandException : Exception
{
    public CommandException(string message, int exitCode = 1) : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }
}
