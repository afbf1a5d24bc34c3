using System.CommandLine;

namespace MultiCloud.Cli.Commands
{
    /// <summary>Options every verb takes; declared once on the root command and inherited by all verbs.</summary>
    internal sealed class GlobalOptions
    {
        public Option<string?> State { get; } = new Option<string?>("--state")
        {
            Description = "State folder (default: $MULTICLOUD_STATE_DIR, else the per-user folder)",
            HelpName = "DIR",
            Recursive = true,
        };

        public Option<bool> Verbose { get; } = new Option<bool>("--verbose", "-v")
        {
            Description = "Show the engine's log on stderr (every event, SSH retries, resumes)",
            Recursive = true,
        };

        public Option<bool> Debug { get; } = new Option<bool>("--debug")
        {
            Description = "Show the engine's debug log and the stack trace of an error",
            Recursive = true,
        };

        public void AddTo(Command root)
        {
            root.Add(State);
            root.Add(Verbose);
            root.Add(Debug);
        }
    }
}
