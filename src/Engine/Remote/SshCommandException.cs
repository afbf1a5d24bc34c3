using System;

namespace MultiCloud.Engine.Remote
{
    /// <summary>A remote script ran and exited non-zero. Names where, what, how it ended, the last stderr lines and the full log.</summary>
    public sealed class SshCommandException : MultiCloudException
    {
        public SshCommandException(string nodeName, string host, string command, int exitCode, string standardErrorTail, string logPath)
            : base(ErrorIds.SshCommandFailed, ErrorKind.Failed, Describe(nodeName, host, command, exitCode, standardErrorTail, logPath))
        {
            NodeName = nodeName;
            Host = host;
            Command = command;
            ExitCode = exitCode;
            StandardErrorTail = standardErrorTail;
            LogPath = logPath;
            Target = nodeName;
        }

        public string NodeName { get; }
        public string Host { get; }

        /// <summary>The description of the command (not the script text).</summary>
        public string Command { get; }
        public int ExitCode { get; }

        /// <summary>The last lines the command wrote to stderr.</summary>
        public string StandardErrorTail { get; }

        /// <summary>The run log holding the command's full output.</summary>
        public string LogPath { get; }

        private static string Describe(string nodeName, string host, string command, int exitCode, string tail, string logPath)
        {
            var message = $"'{command}' failed on node {nodeName} ({host}) with exit code {exitCode}";
            message += tail.Length == 0 ? "; it wrote nothing to stderr" : ". Last lines of stderr:" + Environment.NewLine + tail;
            return message + Environment.NewLine + "Full output: " + logPath;
        }
    }
}
