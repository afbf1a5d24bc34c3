using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// Appends the full output of remote commands to the run log, one block per command. Blocks from parallel
    /// commands never interleave: every append in the process goes through one lock.
    /// </summary>
    internal sealed class RunLogWriter
    {
        private static readonly object Gate = new object();
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        public RunLogWriter(string path)
        {
            Path = path;
        }

        public string Path { get; }

        public void Command(SshTarget target, string description, int attempt, CommandOutput result)
        {
            var block = Header(target, description, attempt);
            Section(block, "stdout", result.StandardOutput);
            Section(block, "stderr", result.StandardError);
            block.Append("---- exit ").Append(result.ExitCode);
            if (result.ExitSignal != null) block.Append(" (killed by SIG").Append(result.ExitSignal).Append(')');
            block.Append(" after ").Append(result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s ----\n\n");
            Append(block.ToString());
        }

        /// <summary>An attempt that ended without an exit status: the connection failed before or while the command ran.</summary>
        /// <param name="detail">The exception's type and message, for whoever reads the log to the bottom (already redacted).</param>
        public void Failure(SshTarget target, string description, int attempt, string reason, string detail)
        {
            var block = Header(target, description, attempt);
            block.Append("---- failed: ").Append(reason).Append(" (").Append(detail).Append(") ----\n\n");
            Append(block.ToString());
        }

        public void Note(SshTarget target, string message) => Append(Header(target, message, 1).Append('\n').ToString());

        private static StringBuilder Header(SshTarget target, string description, int attempt)
        {
            var block = new StringBuilder();
            block.Append("==== ").Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
                .Append(' ').Append(target.NodeName)
                .Append(" (").Append(Endpoint(target)).Append(") ")
                .Append(description);
            if (attempt > 1) block.Append(" [attempt ").Append(attempt).Append(']');
            return block.Append(" ====\n");
        }

        public static string Endpoint(SshTarget target) =>
            target.User + "@" + target.Host + ":" + target.Port.ToString(CultureInfo.InvariantCulture);

        private static void Section(StringBuilder block, string name, string text)
        {
            if (text.Length == 0) return;
            block.Append("---- ").Append(name).Append(" ----\n").Append(text);
            if (!text.EndsWith("\n", StringComparison.Ordinal)) block.Append('\n');
        }

        private void Append(string text)
        {
            lock (Gate)
            {
                var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                File.AppendAllText(Path, text, Utf8);
            }
        }
    }
}
