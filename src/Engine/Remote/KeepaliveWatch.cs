using System;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// OpenSSH's ServerAliveInterval/CountMax for SSH.NET, which has no answered keepalive of its own (its
    /// KeepAliveInterval only sends ignore messages, which a dead peer never refuses). While a command runs, every
    /// interval a probe channel is opened and run ("exit 0"), which the node must answer; after CountMax failed
    /// probes in a row the command is given up. Probes are keepalives, not round trips: they are not counted.
    /// </summary>
    internal sealed class KeepaliveWatch : IDisposable
    {
        private readonly CancellationTokenSource stop = new CancellationTokenSource();

        private KeepaliveWatch()
        {
        }

        /// <summary>True when the node stopped answering and <c>lost</c> was cancelled.</summary>
        public bool GaveUp { get; private set; }

        public static KeepaliveWatch Start(SshClient client, SshOptions options, CancellationTokenSource lost)
        {
            var watch = new KeepaliveWatch();
            if (options.ServerAliveIntervalSeconds > 0 && options.ServerAliveCountMax > 0)
                _ = Task.Run(() => watch.LoopAsync(client, options, lost));
            return watch;
        }

        public void Dispose()
        {
            stop.Cancel();
            stop.Dispose();
        }

        private async Task LoopAsync(SshClient client, SshOptions options, CancellationTokenSource lost)
        {
            var interval = TimeSpan.FromSeconds(options.ServerAliveIntervalSeconds);
            var failures = 0;
            try
            {
                var token = stop.Token;
                while (!token.IsCancellationRequested)
                {
                    await Task.Delay(interval, token).ConfigureAwait(false);
                    failures = await AnswersAsync(client, interval, token).ConfigureAwait(false) ? 0 : failures + 1;
                    if (failures < options.ServerAliveCountMax || token.IsCancellationRequested) continue;
                    GaveUp = true;
                    lost.Cancel();
                    return;
                }
            }
            catch (Exception e) when (e is OperationCanceledException || e is ObjectDisposedException)
            {
                // The command ended; so does the watch.
            }
        }

        private static async Task<bool> AnswersAsync(SshClient client, TimeSpan timeout, CancellationToken cancellationToken)
        {
            try
            {
                using var probe = client.CreateCommand("exit 0");
                probe.CommandTimeout = timeout;
                var running = await Task.Factory.StartNew(() => probe.ExecuteAsync(cancellationToken), CancellationToken.None,
                    TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).ConfigureAwait(false);
                await running.ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
