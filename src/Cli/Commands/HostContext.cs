using MultiCloud.Cli.Output;

namespace MultiCloud.Cli.Commands
{
    /// <summary>What every verb is built with: the streams, the options all verbs share, and the Ctrl+C policy.</summary>
    internal sealed record HostContext(Terminal Terminal, GlobalOptions Global, Interruption Interruption);
}
