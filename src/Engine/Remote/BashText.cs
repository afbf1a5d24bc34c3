using System;
using System.Text;

namespace MultiCloud.Engine.Remote
{
    /// <summary>Pieces of generated bash: quoting and literal file content in heredocs.</summary>
    public static class BashText
    {
        /// <summary>The delimiter of every heredoc the engine generates; quoted, so bash expands nothing inside.</summary>
        public const string HeredocDelimiter = "MC_EOF";

        /// <summary>One single-quoted bash word holding <paramref name="value"/> literally.</summary>
        public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";

        /// <summary>
        /// "&lt;&lt;'MC_EOF'", the content, and the closing delimiter line: appended to a command, it feeds the
        /// content to the command's stdin byte for byte. The content must end with a newline (every generated file does).
        /// </summary>
        public static string Heredoc(string content)
        {
            if (!content.EndsWith("\n", StringComparison.Ordinal))
                throw new ArgumentException("heredoc content must end with a newline", nameof(content));
            foreach (var line in content.Split('\n'))
            {
                if (line == HeredocDelimiter)
                    throw new ArgumentException("heredoc content contains the delimiter line " + HeredocDelimiter, nameof(content));
            }
            return new StringBuilder("<<'").Append(HeredocDelimiter).Append("'\n").Append(content).Append(HeredocDelimiter).ToString();
        }
    }
}
