using System;

namespace MultiCloud.Engine.Remote
{
    /// <summary>The command lines ssh asks the node's login shell to run, and the wrapper around every script.</summary>
    internal static class RemoteCommand
    {
        /// <summary>Fails fast, with a marker the shell recognises, when a non-root user cannot sudo without a password.</summary>
        private static readonly string SudoProbe =
            "sudo -n true 2>/dev/null || { echo '" + SshFailure.SudoRefusedMarker + "' >&2; exit " + SshFailure.SudoRefusedExitCode + "; }; ";

        public static bool IsRoot(SshTarget target) => string.Equals(target.User, "root", StringComparison.Ordinal);

        /// <summary>Reads a bash script from stdin and runs it as root.</summary>
        public static string RunScript(SshTarget target) => IsRoot(target) ? "bash -s" : SudoProbe + "exec sudo -n bash -s";

        /// <summary>Proves the connection, the login and (for non-root users) sudo, and does nothing else.</summary>
        public static string Probe(SshTarget target) => IsRoot(target) ? "exit 0" : SudoProbe + "exit 0";

        /// <summary>
        /// Wraps a script in a brace group so bash reads all of it before running any of it, and points the script's
        /// stdin at /dev/null: a command that reads stdin (apt, dpkg) can then never swallow the rest of the script.
        /// </summary>
        public static string Wrap(string script)
        {
            var body = script.Replace("\r\n", "\n");
            if (!body.EndsWith("\n", StringComparison.Ordinal)) body += "\n";
            return "{\nexec </dev/null\n" + body + "}\n";
        }
    }
}
