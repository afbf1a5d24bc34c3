using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;

namespace MultiCloud.Engine.Remote
{
    /// <summary>What a remote command printed and how it ended.</summary>
    /// <param name="ExitCode">The command's exit status; 255 (as OpenSSH's client reports it) when it ended without one, killed by a signal.</param>
    internal sealed record CommandOutput(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration, string? ExitSignal = null);

    /// <summary>
    /// One authenticated SSH connection to one node, opened once per run and shared by every command for the node:
    /// each command is one exec channel on it, so it costs one round trip and no handshake.
    /// </summary>
    internal sealed class HostConnection : IDisposable
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly SshClient client;
        private readonly PrivateKeyFile key;
        private readonly SshOptions options;
        private volatile bool unresponsive;

        private HostConnection(SshClient client, PrivateKeyFile key, SshTarget target, HostKey hostKey, SshOptions options)
        {
            this.client = client;
            this.key = key;
            this.options = options;
            Target = target;
            HostKey = hostKey;
        }

        public SshTarget Target { get; }

        /// <summary>The host key this connection was verified against.</summary>
        public HostKey HostKey { get; }

        public bool IsUsable => !unresponsive && client.IsConnected;

        /// <summary>
        /// Connects and authenticates. The host key is decided by <paramref name="check"/> during the key exchange;
        /// a refused key ends the attempt with the check's SshHostKeyChanged before any login.
        /// </summary>
        public static async Task<HostConnection> OpenAsync(SshTarget target, HostKeyCheck check, SshOptions options, CancellationToken cancellationToken)
        {
            var key = target.PrivateKey.Load(target.NodeName);
            var info = new ConnectionInfo(target.Host, target.Port, target.User, new PrivateKeyAuthenticationMethod(target.User, key))
            {
                Timeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
                Encoding = Utf8,
            };
            check.RestrictAlgorithms(info);
            var client = new SshClient(info);
            client.HostKeyReceived += check.OnHostKeyReceived;
            if (options.ServerAliveIntervalSeconds > 0) client.KeepAliveInterval = TimeSpan.FromSeconds(options.ServerAliveIntervalSeconds);
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                client.Dispose();
                key.Dispose();
                if (check.Refusal != null) throw check.Refusal;
                throw;
            }
            return new HostConnection(client, key, target, check.Presented!, options);
        }

        /// <summary>True when the connection was opened for the same endpoint, user and key, and verified against <paramref name="expectedKey"/> (if any).</summary>
        public bool Serves(SshTarget target, string? expectedKey) =>
            target.Host == Target.Host && target.Port == Target.Port && target.User == Target.User
            && target.PrivateKey.Origin == Target.PrivateKey.Origin
            && (expectedKey is null || HostKeyText.Normalize(expectedKey) == HostKey.PublicKey);

        /// <summary>
        /// Runs <paramref name="commandText"/> in one exec channel, feeding <paramref name="input"/> to its stdin.
        /// Cancellation ends the wait at once and closes stdin and the channel. While it runs, keepalive probes check that
        /// the node still answers; when it stops answering the command ends with NodeUnresponsiveException.
        /// </summary>
        public async Task<CommandOutput> ExecuteAsync(string commandText, string? input, CancellationToken cancellationToken)
        {
            using var command = client.CreateCommand(commandText, Utf8);
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var clock = Stopwatch.StartNew();

            // Opening the channel blocks until the node confirms it (at most the connect timeout): off the caller's thread.
            var (execution, stdin) = await Task.Factory.StartNew(() => Start(command, input), CancellationToken.None,
                TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).ConfigureAwait(false);
            using (stdin)
            using (var watch = KeepaliveWatch.Start(client, options, lost))
            {
                try
                {
                    // Not SSH.NET's own cancellation: it sends a "signal" request (which sshd refuses for root) and
                    // blocks the cancelling thread for half a second per command. Leaving here disposes stdin and
                    // the command, which closes the channel: the script's guard takes it from there.
                    await execution.WaitAsync(lost.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (watch.GaveUp && !cancellationToken.IsCancellationRequested)
                {
                    unresponsive = true;
                    throw new NodeUnresponsiveException(options.ServerAliveCountMax, options.ServerAliveIntervalSeconds);
                }
            }
            return new CommandOutput(command.ExitStatus ?? 255, command.Result, command.Error, clock.Elapsed, command.ExitSignal);
        }

        public void Dispose()
        {
            try
            {
                client.Disconnect();
            }
            catch (Exception)
            {
                // Already gone (lost, refused): nothing left to close politely.
            }
            client.Dispose();
            key.Dispose();
        }

        /// <summary>
        /// Starts the command and writes its input. Stdin stays open until the command ends (see
        /// <see cref="RemoteCommand.Wrap"/>): its end, when the caller disposes it or the channel closes, tells the
        /// node the client has gone.
        /// </summary>
        private static (Task Execution, System.IO.Stream? Stdin) Start(SshCommand command, string? input)
        {
            var execution = command.ExecuteAsync(CancellationToken.None);
            // A command given up (cancelled, node unresponsive) still ends, with the channel's disposal: observed here.
            _ = execution.ContinueWith(ended => ended.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            if (input is null) return (execution, null);
            System.IO.Stream? stdin = null;
            try
            {
                stdin = command.CreateInputStream();
                var bytes = Utf8.GetBytes(input);
                stdin.Write(bytes, 0, bytes.Length);
            }
            catch (Exception) when (execution.IsCompleted)
            {
                // The command ended before reading its input (a refused sudo): its exit status says why.
            }
            return (execution, stdin);
        }
    }
}
