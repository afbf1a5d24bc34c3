using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Runtime.InteropServices;
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
            ConsoleCancelEventHandler onCancel = (_, e) => e.Cancel = OnStopSignal(terminal, interruption, "Ctrl+C");
            Console.CancelKeyPress += onCancel;
            // CI runners, systemd, `docker stop` and Azure Automation stop a job with SIGTERM: it is handled like Ctrl+C.
            using var onTerm = StopSignal.Register(PosixSignal.SIGTERM, context => context.Cancel = OnStopSignal(terminal, interruption, "SIGTERM"));
            try
            {
                return await RunAsync(args, terminal, interruption).ConfigureAwait(false);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }

        /// <summary>
        /// The first stop signal during a run cancels it: the engine stops at a safe point, saves its journal and
        /// releases the lock, and the process lives on until it has. Otherwise the process ends now, after releasing
        /// whatever a run still holds (<see cref="ExitCleanup"/>). True keeps the process alive.
        /// </summary>
        private static bool OnStopSignal(Terminal terminal, Interruption interruption, string signal)
        {
            if (interruption.TryCancelRun())
            {
                terminal.Error.WriteLine($"{signal}: stopping at a safe point; the engine records how far it got and releases the lock ({signal} again to stop at once)");
                return true;
            }
            ExitCleanup.RunAll();
            return false;
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
