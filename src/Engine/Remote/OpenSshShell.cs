using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// <see cref="IRemoteShell"/> over the system OpenSSH client. Every host gets one master connection for the
    /// run (ControlMaster), so many scripts cost one TCP and SSH handshake; host keys are checked strictly against
    /// a known_hosts file written only from pinned or freshly learned keys; connection failures that may pass are
    /// retried with backoff, nothing else is.
    /// </summary>
    public sealed class OpenSshShell : IRemoteShell
    {
        private readonly SshOptions options;
        private readonly IEngineLog log;
        private readonly RunLogWriter runLog;
        private readonly KnownHostsFile knownHosts;
        private readonly SshArguments arguments;
        private readonly string controlDirectory;
        private readonly SecretRedactor redactor = new SecretRedactor();
        private readonly ConcurrentDictionary<string, int> roundTrips = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SshTarget> contacted = new ConcurrentDictionary<string, SshTarget>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, HostKey> learned = new ConcurrentDictionary<string, HostKey>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SemaphoreSlim> connectGates = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.Ordinal);

        /// <param name="runLogPath">File that receives the full output of every command (appended).</param>
        /// <param name="controlDirectory">Private folder for the master connections' sockets; created here, deleted on dispose. Keep it short (see <see cref="NewControlDirectory"/>).</param>
        /// <param name="knownHostsPath">The cluster's known_hosts file; rewritten by this shell from pinned keys.</param>
        public OpenSshShell(string runLogPath, string controlDirectory, string knownHostsPath, IEngineLog log, SshOptions? options = null)
        {
            this.options = options ?? SshOptions.Default;
            this.log = log;
            this.controlDirectory = controlDirectory;
            OwnerOnlyPermissions.EnsureDirectory(controlDirectory);
            runLog = new RunLogWriter(runLogPath);
            knownHosts = new KnownHostsFile(knownHostsPath);
            arguments = new SshArguments(this.options, controlDirectory);
        }

        /// <summary>
        /// A fresh, short socket folder such as /tmp/mc-1a2b3c4d. Unix socket paths are limited to about 104
        /// characters and ssh appends a 40-character hash, so the folder cannot live deep in a home directory.
        /// </summary>
        public static string NewControlDirectory()
        {
            var bytes = new byte[4];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
            var suffix = string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            var root = SshArguments.SupportsMultiplexing ? "/tmp" : Path.GetTempPath();
            return Path.Combine(root, "mc-" + suffix);
        }

        public async Task<HostKey> ConnectAsync(SshTarget target, CancellationToken cancellationToken)
        {
            var gate = connectGates.GetOrAdd(target.NodeName, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return target.PinnedHostKey is null
                    ? await LearnAsync(target, cancellationToken).ConfigureAwait(false)
                    : await VerifyPinnedAsync(target, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        public async Task<RemoteResult> RunScriptAsync(SshTarget target, string description, string script, bool allowFailure, CancellationToken cancellationToken)
        {
            await EnsureHostKeyAsync(target, cancellationToken).ConfigureAwait(false);
            var command = arguments.Run(target, knownHosts.Path, HostKeyCheck.Pinned, RemoteCommand.RunScript(target));
            var result = await ExecuteAsync(target, description, command, RemoteCommand.Wrap(script), cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0 && !allowFailure)
            {
                throw new SshCommandException(target.NodeName, target.Host, description, result.ExitCode,
                    SshFailure.Tail(result.StandardError, StderrTailLines), runLog.Path);
            }
            return new RemoteResult(result.ExitCode, result.StandardOutput, result.StandardError);
        }

        public void Redact(string secret) => redactor.Add(secret);

        public int RoundTrips(string nodeName) => roundTrips.TryGetValue(nodeName, out var count) ? count : 0;

        /// <summary>Closes every master connection this shell opened and removes the socket folder.</summary>
        public async ValueTask DisposeAsync()
        {
            if (SshArguments.SupportsMultiplexing)
            {
                var exits = contacted.Values.Select(target =>
                    ProcessRunner.RunAsync(options.SshPath, arguments.ExitMaster(target), null, CancellationToken.None));
                try
                {
                    await Task.WhenAll(exits).ConfigureAwait(false);
                }
                catch (MultiCloudException e)
                {
                    log.Write(LogLevel.Debug, "closing ssh master connections: " + e.Message);
                }
            }

            try
            {
                if (Directory.Exists(controlDirectory)) Directory.Delete(controlDirectory, recursive: true);
            }
            catch (IOException e)
            {
                log.Write(LogLevel.Debug, $"could not remove {controlDirectory}: {e.Message}");
            }
            foreach (var gate in connectGates.Values) gate.Dispose();
        }

        private const int StderrTailLines = 20;

        private async Task<HostKey> VerifyPinnedAsync(SshTarget target, CancellationToken cancellationToken)
        {
            var pinned = HostKeyText.Normalize(target.PinnedHostKey!);
            var key = new HostKey(pinned, HostKeyText.Fingerprint(pinned));
            if (target.ExpectedFingerprint != null && !HostKeyText.SameFingerprint(target.ExpectedFingerprint, key.Fingerprint))
            {
                throw new SshHostKeyChangedException(target.NodeName, target.Host, target.Port, target.ExpectedFingerprint, key.Fingerprint,
                    "the fingerprint given in the manifest");
            }

            knownHosts.Pin(target.NodeName, pinned);
            var probe = arguments.Run(target, knownHosts.Path, HostKeyCheck.Pinned, RemoteCommand.Probe(target));
            await ExecuteAsync(target, "connect", probe, null, cancellationToken).ConfigureAwait(false);
            return key;
        }

        /// <summary>
        /// First contact: ssh itself accepts the presented key into a scratch known_hosts (the same handshake that
        /// opens the master connection), then the key is checked against the expected fingerprint and pinned.
        /// </summary>
        private async Task<HostKey> LearnAsync(SshTarget target, CancellationToken cancellationToken)
        {
            var scratch = Path.Combine(controlDirectory, "learn-" + KnownHostsFile.AliasFor(target.NodeName));
            File.WriteAllText(scratch, string.Empty);
            var probe = arguments.Run(target, scratch, HostKeyCheck.Learn, RemoteCommand.Probe(target));
            await ExecuteAsync(target, "connect (learn host key)", probe, null, cancellationToken).ConfigureAwait(false);

            var publicKey = File.ReadAllLines(scratch).Select(HostKeyText.FromKnownHostsLine).FirstOrDefault(k => k != null);
            File.Delete(scratch);
            if (publicKey is null)
            {
                throw new MultiCloudException(ErrorIds.SshConnectionFailed, ErrorKind.Connection,
                    $"node {target.NodeName} ({RunLogWriter.Endpoint(target)}) accepted the connection but ssh recorded no host key; see {runLog.Path}")
                { Target = target.NodeName };
            }

            var key = new HostKey(publicKey, HostKeyText.Fingerprint(publicKey));
            if (target.ExpectedFingerprint != null && !HostKeyText.SameFingerprint(target.ExpectedFingerprint, key.Fingerprint))
            {
                await CloseMasterAsync(target).ConfigureAwait(false);
                throw new SshHostKeyChangedException(target.NodeName, target.Host, target.Port, target.ExpectedFingerprint, key.Fingerprint,
                    "the fingerprint given in the manifest");
            }

            knownHosts.Pin(target.NodeName, publicKey);
            learned[target.NodeName] = key;
            runLog.Note(target, "learned host key " + key.Fingerprint);
            log.Write(LogLevel.Information, $"{target.NodeName}: pinned host key {key.Fingerprint}");
            return key;
        }

        private async Task EnsureHostKeyAsync(SshTarget target, CancellationToken cancellationToken)
        {
            if (target.PinnedHostKey != null)
            {
                knownHosts.Pin(target.NodeName, HostKeyText.Normalize(target.PinnedHostKey));
                return;
            }
            if (!learned.ContainsKey(target.NodeName)) await ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Runs ssh, retrying connection failures that may pass; raises every ssh failure as its error.</summary>
        private async Task<ProcessResult> ExecuteAsync(SshTarget target, string description, IReadOnlyList<string> command, string? input, CancellationToken cancellationToken)
        {
            var backoff = options.InitialBackoff;
            for (var attempt = 1; ; attempt++)
            {
                roundTrips.AddOrUpdate(target.NodeName, 1, (_, count) => count + 1);
                contacted[target.NodeName] = target;
                var raw = await ProcessRunner.RunAsync(options.SshPath, command, input, cancellationToken).ConfigureAwait(false);
                var result = raw with { StandardOutput = redactor.Apply(raw.StandardOutput), StandardError = redactor.Apply(raw.StandardError) };
                runLog.Command(target, description, attempt, result);
                log.Write(LogLevel.Debug, $"{target.NodeName}: {description}: exit {result.ExitCode} after {result.Duration.TotalSeconds:0.0} s");

                var failure = SshFailure.Classify(result.ExitCode, result.StandardError);
                if (failure == SshFailureKind.None) return result;
                if (failure == SshFailureKind.Transient && attempt < options.MaxAttempts)
                {
                    log.Write(LogLevel.Warning, $"{target.NodeName}: {SshFailure.Tail(result.StandardError, 1)}; retrying in {backoff.TotalSeconds:0.#} s (attempt {attempt + 1} of {options.MaxAttempts})");
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(backoff.Ticks * 2);
                    continue;
                }
                var pinned = target.PinnedHostKey ?? (learned.TryGetValue(target.NodeName, out var key) ? key.PublicKey : null);
                throw SshErrors.For(failure, target, pinned, result.StandardError, attempt, runLog.Path);
            }
        }

        private async Task CloseMasterAsync(SshTarget target)
        {
            if (!SshArguments.SupportsMultiplexing) return;
            await ProcessRunner.RunAsync(options.SshPath, arguments.ExitMaster(target), null, CancellationToken.None).ConfigureAwait(false);
            contacted.TryRemove(target.NodeName, out _);
        }
    }
}
