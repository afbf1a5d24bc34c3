using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Cli.Commands;
using MultiCloud.Cli.Output;
using MultiCloud.Engine;

namespace MultiCloud.Cli
{
    /// <summary>The `multicloud` console host. The one blocking point is Main awaiting the verb.</summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            var terminal = Terminal.FromConsole();
            using var interruption = new Interruption();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = interruption.TryCancelRun();
                if (e.Cancel) terminal.Error.WriteLine("canceling: the engine is recording how far it got (Ctrl+C again to quit now)");
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                return await RunAsync(args, terminal, interruption).ConfigureAwait(false);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }

        /// <summary>Runs one command line against the given writers, as a script would see it: nothing is interactive.</summary>
        public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        {
            using var interruption = new Interruption(cancellationToken);
            var terminal = new Terminal(stdout, stderr, TextReader.Null, isInputInteractive: false, isErrorInteractive: false);
            return await RunAsync(args, terminal, interruption).ConfigureAwait(false);
        }

        public static async Task<int> RunAsync(string[] args, Terminal terminal, Interruption interruption)
        {
            var parse = CommandTree.Create(terminal, interruption).Parse(args);
            if (parse.Action is ParseErrorAction)
            {
                foreach (var error in parse.Errors) terminal.Error.WriteLine($"error {ErrorIds.CommandLineInvalid}: {error.Message}");
                terminal.Error.WriteLine("run `multicloud --help` for the verbs, `multicloud VERB --help` for their options");
                return ExitCodes.Usage;
            }
            var invocation = new InvocationConfiguration
            {
                Output = terminal.Out,
                Error = terminal.Error.Writer,
                EnableDefaultExceptionHandler = false,
                // Ctrl+C is handled in Main, by the rules of Interruption.
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(invocation, interruption.Token).ConfigureAwait(false);
        }
    }
}
