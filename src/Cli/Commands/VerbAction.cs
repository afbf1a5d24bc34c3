using System;
using System.CommandLine;
using System.Threading.Tasks;
using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>Runs a verb's body and turns whatever it throws into an error report and an exit code.</summary>
    internal static class VerbAction
    {
        public static void Set(Command command, HostContext host, Func<Invocation, Task<int>> body)
        {
            command.SetAction(async (parse, cancellationToken) =>
            {
                var invocation = new Invocation(parse, host, cancellationToken);
                try
                {
                    return await body(invocation).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    host.Terminal.Error.ClearStatus();
                    return new ErrorReporter(host.Terminal.Error, invocation.Debug).Report(e);
                }
            });
        }
    }
}
