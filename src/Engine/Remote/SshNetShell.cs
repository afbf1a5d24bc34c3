using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// <see cref="IRemoteShell"/> in process, over SSH.NET: no ssh client, no child process, so it runs where
    /// processes cannot be started (Azure Automation's sandbox) and multiplexes on Windows too. Every node gets one
    /// connection for the run, which every command shares (one exec channel, one round trip each); host keys are
    /// decided during the key exchange, before authentication; connection failures that may pass are retried with
    /// backoff, decided from the exceptions' types and codes; nothing else is retried.
    /// </summary>
    public sealed class SshNetShell : IRemoteShell
    {
        private const int StderrTailLines = 20;

        private readonly SshOptions options;
        private readonly IEngineLog log;
        private readonly RunLogWriter runLog;
        private readonly SecretRedactor redactor = new SecretRedactor();
        private readonly ConcurrentDictionary<string, int> roundTrips = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, HostKey> learned = new ConcurrentDictionary<string, HostKey>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, NodeSlot> nodes = new ConcurrentDictionary<string, NodeSlot>(StringComparer.Ordinal);

        /// <param name="runLogPath">File that receives the full output of every command (appended; owner-only, made by the caller).</param>
        public SshNetShell(string runLogPath, IEngineLog log, SshOptions? options = null)
        {
            this.options = options ?? SshOptions.Default;
            this.log = log;
            runLog = new RunLogWriter(runLogPath);
        }

        public async Task<HostKey> ConnectAsync(SshTarget target, CancellationToken cancellationToken)
        {
            var learning = ExpectedKey(target) is null;
            var (_, hostKey) = await RunAsync(target, learning ? "connect (learn host key)" : "connect", RemoteCommand.Probe(target), null, cancellationToken)
                .ConfigureAwait(false);
            if (learning && learned.TryAdd(target.NodeName, hostKey))
            {
                runLog.Note(target, "learned host key " + hostKey.Fingerprint);
                log.Write(LogLevel.Information, $"{target.NodeName}: pinned host key {hostKey.Fingerprint}");
            }
            return hostKey;
        }

        public async Task<RemoteResult> RunScriptAsync(SshTarget target, string description, string script, bool allowFailure, CancellationToken cancellationToken)
        {
            if (ExpectedKey(target) is null) await ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            var (output, _) = await RunAsync(target, description, RemoteCommand.RunScript(target), RemoteCommand.Wrap(script), cancellationToken)
                .ConfigureAwait(false);
            if (output.ExitCode != 0 && !allowFailure)
            {
                throw new SshCommandException(target.NodeName, target.Host, description, output.ExitCode,
                    SshFailure.Tail(output.StandardError, StderrTailLines), runLog.Path);
            }
            return new RemoteResult(output.ExitCode, output.StandardOutput, output.StandardError);
        }

        public void Redact(string secret) => redactor.Add(secret);

        public int RoundTrips(string nodeName) => roundTrips.TryGetValue(nodeName, out var count) ? count : 0;

        /// <summary>Closes every connection this shell opened.</summary>
        public async ValueTask DisposeAsync()
        {
            var closing = nodes.Values.Select(slot => slot.Take()).OfType<HostConnection>()
                .Select(connection => Task.Run(connection.Dispose));
            await Task.WhenAll(closing).ConfigureAwait(false);
            foreach (var slot in nodes.Values) slot.Gate.Dispose();
        }

        /// <summary>The key the node must present: pinned in state, or learned earlier in this run; null when it is still to be learned.</summary>
        private string? ExpectedKey(SshTarget target) =>
            target.PinnedHostKey ?? (learned.TryGetValue(target.NodeName, out var key) ? key.PublicKey : null);

        /// <summary>Runs one command on the node's connection, retrying connection failures that may pass; raises every transport failure as its error.</summary>
        private async Task<(CommandOutput Output, HostKey HostKey)> RunAsync(SshTarget target, string description, string command, string? input, CancellationToken cancellationToken)
        {
            var refusal = new HostKeyCheck(target, ExpectedKey(target)).RefusalBeforeConnecting();
            if (refusal != null) throw refusal;

            var backoff = options.InitialBackoff;
            for (var attempt = 1; ; attempt++)
            {
                roundTrips.AddOrUpdate(target.NodeName, 1, (_, count) => count + 1);
                HostConnection? connection = null;
                try
                {
                    connection = await ConnectionAsync(target, cancellationToken).ConfigureAwait(false);
                    var raw = await connection.ExecuteAsync(command, input, cancellationToken).ConfigureAwait(false);
                    var output = raw with { StandardOutput = redactor.Apply(raw.StandardOutput), StandardError = redactor.Apply(raw.StandardError) };
                    runLog.Command(target, description, attempt, output);
                    log.Write(LogLevel.Debug, $"{target.NodeName}: {description}: exit {output.ExitCode} after {output.Duration.TotalSeconds:0.0} s");
                    if (RemoteCommand.SudoRefused(output)) throw SshErrors.SudoRequired(target);
                    return (output, connection.HostKey);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && SshFailure.Classify(e) is SshFailureKind failure)
                {
                    Drop(target.NodeName, connection);
                    var reason = SshFailure.Describe(e, target, options);
                    runLog.Failure(target, description, attempt, reason, e.GetType().FullName + ": " + redactor.Apply(e.Message));
                    if (failure == SshFailureKind.Transient && attempt < options.MaxAttempts)
                    {
                        log.Write(LogLevel.Warning, $"{target.NodeName}: {reason}; retrying in {backoff.TotalSeconds:0.#} s (attempt {attempt + 1} of {options.MaxAttempts})");
                        await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                        backoff = TimeSpan.FromTicks(backoff.Ticks * 2);
                        continue;
                    }
                    throw SshErrors.For(failure, target, description, reason, attempt, runLog.Path);
                }
            }
        }

        /// <summary>The node's open connection when it serves this target, else a new one (the old one closed).</summary>
        private async Task<HostConnection> ConnectionAsync(SshTarget target, CancellationToken cancellationToken)
        {
            var slot = nodes.GetOrAdd(target.NodeName, _ => new NodeSlot());
            await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var expected = ExpectedKey(target);
                var current = slot.Connection;
                if (current != null && current.IsUsable && current.Serves(target, expected)) return current;
                if (current != null) Drop(target.NodeName, current);

                var check = new HostKeyCheck(target, expected);
                try
                {
                    var opened = await HostConnection.OpenAsync(target, check, options, cancellationToken).ConfigureAwait(false);
                    slot.Connection = opened;
                    return opened;
                }
                catch (SshHostKeyChangedException refused)
                {
                    runLog.Note(target, $"refused host key {refused.PresentedFingerprint}: expected {refused.ExpectedFingerprint}; nothing was sent to the node");
                    throw;
                }
            }
            finally
            {
                slot.Gate.Release();
            }
        }

        private void Drop(string nodeName, HostConnection? connection)
        {
            if (connection != null && nodes.TryGetValue(nodeName, out var slot) && slot.Take(connection)) connection.Dispose();
        }

        /// <summary>A node's connection and the gate that makes sure only one is opened at a time.</summary>
        private sealed class NodeSlot
        {
            private HostConnection? connection;

            public SemaphoreSlim Gate { get; } = new SemaphoreSlim(1, 1);

            public HostConnection? Connection
            {
                get => Volatile.Read(ref connection);
                set => Volatile.Write(ref connection, value);
            }

            /// <summary>Removes and returns the connection, if any.</summary>
            public HostConnection? Take() => Interlocked.Exchange(ref connection, null);

            /// <summary>Removes this connection if it is still the node's; true when this call removed it.</summary>
            public bool Take(HostConnection expected) => Interlocked.CompareExchange(ref connection, null, expected) == expected;
        }
    }
}
