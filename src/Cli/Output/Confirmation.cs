using System;
using MultiCloud.Engine;

namespace MultiCloud.Cli.Output
{
    /// <summary>"Do it? [y/N]" on a terminal; without one, a clear refusal instead of waiting on input that never comes.</summary>
    public static class Confirmation
    {
        /// <summary>True when the user typed y or yes. Throws ConfirmationRequired when nobody can answer.</summary>
        public static bool Ask(Terminal terminal, string question, string whatWouldHappen)
        {
            if (!terminal.IsInputInteractive)
                throw new MultiCloudException(ErrorIds.ConfirmationRequired, ErrorKind.InvalidArgument,
                    $"refusing to {whatWouldHappen} without confirmation: standard input is not a terminal; pass --yes to confirm in advance");
            terminal.Error.WritePrompt(question + " [y/N] ");
            var answer = terminal.Input.ReadLine()?.Trim();
            return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
        }
    }
}
