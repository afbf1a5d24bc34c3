using System;
using System.IO;

namespace MultiCloud.Cli.Output
{
    /// <summary>
    /// The streams of one invocation and what is known about them. The real console in production; string
    /// writers in tests, where nothing is interactive.
    /// </summary>
    public sealed class Terminal
    {
        public Terminal(TextWriter output, TextWriter error, TextReader input, bool isInputInteractive, bool isErrorInteractive, Func<int>? errorWidth = null)
        {
            Out = output;
            Input = input;
            IsInputInteractive = isInputInteractive;
            Error = new ErrorStream(error, isErrorInteractive, errorWidth ?? (() => 80));
        }

        /// <summary>Results only (plans, tables, JSON, YAML), so that stdout can be piped into other tools.</summary>
        public TextWriter Out { get; }

        /// <summary>Everything else: progress, warnings, prompts, errors. Safe to use from any thread.</summary>
        public ErrorStream Error { get; }

        public TextReader Input { get; }

        /// <summary>True when a person can answer a prompt (stdin is not redirected).</summary>
        public bool IsInputInteractive { get; }

        public static Terminal FromConsole() =>
            new Terminal(Console.Out, Console.Error, Console.In, !Console.IsInputRedirected, !Console.IsErrorRedirected, ConsoleWidth);

        private static int ConsoleWidth()
        {
            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
            }
            catch (IOException)
            {
                return 80;
            }
        }
    }
}
