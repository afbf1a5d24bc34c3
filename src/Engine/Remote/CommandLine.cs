using System.Collections.Generic;
using System.Text;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// Joins arguments into the one command-line string that netstandard2.0's ProcessStartInfo takes. .NET splits
    /// it back (on every platform) with the Windows C runtime rules, so quoting by those rules round-trips any
    /// argument exactly, spaces, quotes and empty strings included. No shell is involved.
    /// </summary>
    internal static class CommandLine
    {
        public static string Join(IEnumerable<string> arguments)
        {
            var text = new StringBuilder();
            foreach (var argument in arguments)
            {
                if (text.Length > 0) text.Append(' ');
                Append(text, argument);
            }
            return text.ToString();
        }

        private static void Append(StringBuilder text, string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(NeedsQuoting) < 0)
            {
                text.Append(argument);
                return;
            }

            text.Append('"');
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                // Backslashes are literal except right before a quote, where they must be doubled.
                text.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
                text.Append(c);
                backslashes = 0;
            }
            text.Append('\\', backslashes * 2);
            text.Append('"');
        }

        private static readonly char[] NeedsQuoting = { ' ', '\t', '\n', '\v', '"' };
    }
}
