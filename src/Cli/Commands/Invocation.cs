using System.CommandLine;
using System.Threading;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Cli.Commands
{
    /// <summary>What a verb's body works with: the parsed command line, the streams, the engine client and the token.</summary>
    internal sealed class Invocation
    {
        public Invocation(ParseResult parse, HostContext host, CancellationToken cancellationToken)
        {
            Parse = parse;
            Terminal = host.Terminal;
            Interruption = host.Interruption;
            CancellationToken = cancellationToken;
            var verbose = parse.GetValue(host.Global.Verbose);
            Debug = parse.GetValue(host.Global.Debug);
            // The engine also logs every progress event, which the progress lines already show; so its log is only
            // shown when asked for, as detail.
            IEngineLog log = Debug || verbose ? new ConsoleEngineLog(Terminal.Error, Debug ? LogLevel.Debug : LogLevel.Verbose) : NullEngineLog.Instance;
            Client = new MultiCloudClient(new MultiCloudClientOptions { StateDirectory = parse.GetValue(host.Global.State), Log = log });
        }

        public ParseResult Parse { get; }
        public Terminal Terminal { get; }
        public Interruption Interruption { get; }
        public CancellationToken CancellationToken { get; }
        public bool Debug { get; }
        public MultiCloudClient Client { get; }

        public T? Get<T>(Option<T> option) => Parse.GetValue(option);
        public T? Get<T>(Argument<T> argument) => Parse.GetValue(argument);
    }
}
