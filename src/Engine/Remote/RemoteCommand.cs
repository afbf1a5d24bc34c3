using System;

namespace MultiCloud.Engine.Remote
{
    /// <summary>The command lines the node's login shell is asked to run, and the wrapper around every script.</summary>
    internal static class RemoteCommand
    {
        /// <summary>
        /// Exit code and stderr marker of the sudo probe in front of everything run as a non-root user: a protocol of
        /// the engine's own, so a refused sudo is told from a failing script without reading sudo's (localized) text.
        /// </summary>
        public const int SudoRefusedExitCode = 97;
        public const string SudoRefusedMarker = "multicloud: sudo -n refused";

        /// <summary>Fails fast, with the marker, when a non-root user cannot sudo without a password.</summary>
        private static readonly string SudoProbe =
            "sudo -n true 2>/dev/null || { echo '" + SudoRefusedMarker + "' >&2; exit " + SudoRefusedExitCode + "; }; ";

        /// <summary>True when the output is the sudo probe's refusal (a script exiting 97 on its own does not print the marker).</summary>
        public static bool SudoRefused(CommandOutput output) =>
            output.ExitCode == SudoRefusedExitCode && output.StandardError.Contains(SudoRefusedMarker, StringComparison.Ordinal);

        public static bool IsRoot(SshTarget target) => string.Equals(target.User, "root", StringComparison.Ordinal);

        /// <summary>
        /// Reads a bash script from stdin and runs it as root (sudo's -n never waits for a password), in a session
        /// and process group of its own (setsid), so the guard in <see cref="Wrap"/> can stop exactly the script's
        /// processes and nothing else.
        /// </summary>
        public static string RunScript(SshTarget target) =>
            IsRoot(target) ? "exec setsid -w bash -s" : SudoProbe + "exec sudo -n setsid -w bash -s";

        /// <summary>Proves the connection, the login and (for non-root users) sudo, and does nothing else.</summary>
        public static string Probe(SshTarget target) => IsRoot(target) ? "exit 0" : SudoProbe + "exit 0";

        /// <summary>
        /// Wraps a script in a brace group ended by "exit" on the same line, so bash reads all of it before running any
        /// of it and never reads stdin again, and points the script's stdin at /dev/null: a command that reads stdin
        /// (apt, dpkg) can then never swallow the rest of the script.
        /// <para>
        /// The transport keeps the channel's stdin open while the script runs. A guard in the background waits for
        /// its end: when it comes while the script still runs, the client has gone (the run was cancelled, or the
        /// connection died), and the guard sends SIGTERM to the script's process group. sshd itself neither does
        /// that for a session without a terminal nor accepts SSH "signal" requests for root's sessions.
        /// </para>
        /// </summary>
        public static string Wrap(string script)
        {
            var body = script.Replace("\r\n", "\n");
            if (!body.EndsWith("\n", StringComparison.Ordinal)) body += "\n";
            return "{\n" + Guard + body + "}; exit\n";
        }

        private const string Guard =
            "exec 3<&0 </dev/null\n" +
            "{ cat <&3 >/dev/null 2>&1; kill -0 $$ 2>/dev/null && kill -TERM -- -$$ 2>/dev/null; } >/dev/null 2>&1 &\n" +
            "exec 3<&-\n";
    }
}
