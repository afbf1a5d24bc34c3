using System.Globalization;
using System.Text;

namespace MultiCloud.Engine
{
    /// <summary>
    /// Makes text from manifests, state, command lines and remote hosts safe to show on a terminal: control
    /// characters (C0, DEL, C1) and the bidirectional overrides that reorder what a reader sees are written as
    /// escapes (\x1B, \u202E), so no value can clear the screen, set the window title or fake a line of output.
    /// Every engine message passes through it (<see cref="MultiCloudException"/>), and so do manifest diagnostics.
    /// </summary>
    public static class DisplayText
    {
        /// <summary>
        /// The text with every control character escaped. With <paramref name="keepLineBreaks"/> a line feed and a
        /// tab stay, for messages that are several lines by design; a value quoted into a message never keeps them.
        /// </summary>
        public static string Escape(string? text, bool keepLineBreaks = false)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            var first = IndexOfUnsafe(text!, keepLineBreaks);
            if (first < 0) return text!;

            var escaped = new StringBuilder(text!.Length + 16);
            escaped.Append(text, 0, first);
            for (var i = first; i < text.Length; i++)
            {
                var c = text[i];
                if (!IsUnsafe(c, keepLineBreaks)) escaped.Append(c);
                else if (c <= '\u00FF') escaped.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                else escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            return escaped.ToString();
        }

        /// <summary>True when the text holds a character <see cref="Escape"/> would rewrite (line feeds and tabs count).</summary>
        public static bool HasControlCharacters(string text) => IndexOfUnsafe(text, keepLineBreaks: false) >= 0;

        private static int IndexOfUnsafe(string text, bool keepLineBreaks)
        {
            for (var i = 0; i < text.Length; i++)
                if (IsUnsafe(text[i], keepLineBreaks)) return i;
            return -1;
        }

        private static bool IsUnsafe(char c, bool keepLineBreaks)
        {
            if (keepLineBreaks && (c == '\n' || c == '\t')) return false;
            if (c < ' ' || (c >= '\u007F' && c <= '\u009F')) return true;
            // Bidirectional embeddings, overrides and isolates, and the line/paragraph separators some terminals honour.
            return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
                || c == '\u2028' || c == '\u2029';
        }
    }
}
