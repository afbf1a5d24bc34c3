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

        public void Command(SshTarget target, string description, int attempt, ProcessResult result)
        {
            var block = new StringBuilder();
            block.Append("==== ").Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
                .Append(' ').Append(target.NodeName)
                .Append(" (").Append(Endpoint(target)).Append(") ")
                .Append(description);
            if (attempt > 1) block.Append(" [attempt ").Append(attempt).Append(']');
            block.Append(" ====\n");
            Section(block, "stdout", result.StandardOutput);
            Section(block, "stderr", result.StandardError);
            block.Append("---- exit ").Append(result.ExitCode).Append(" after ")
                .Append(result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s ----\n\n");
            Append(block.ToString());
        }

        public void Note(SshTarget target, string message) =>
            Append("==== " + DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
                + " " + target.NodeName + " (" + Endpoint(target) + ") " + message + " ====\n\n");

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
