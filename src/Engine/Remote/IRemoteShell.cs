using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Remote
{
    /// <summary>How to reach one node over SSH.</summary>
    public sealed record SshTarget
    {
        /// <summary>Node name, used in messages and logs.</summary>
        public required string NodeName { get; init; }
        public required string Host { get; init; }
        public int Port { get; init; } = 22;
        public string User { get; init; } = "root";

        /// <summary>The private key to authenticate with: a file, or a key held in memory (from env: or secret:).</summary>
        public required SshPrivateKey PrivateKey { get; init; }

        /// <summary>
        /// The host public key pinned for this node ("ssh-ed25519 AAAA…"), or null on first contact, when it is
        /// learned. A node that presents another key fails with SshHostKeyChanged.
        /// </summary>
        public string? PinnedHostKey { get; init; }

        /// <summary>A fingerprint ("SHA256:…") given in advance; the learned key must match it.</summary>
        public string? ExpectedFingerprint { get; init; }
    }

    /// <summary>What a remote script printed and how it ended.</summary>
    public sealed record RemoteResult(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>A host key as learned or verified on contact.</summary>
    public sealed record HostKey(string PublicKey, string Fingerprint);

    /// <summary>
    /// Runs scripts on nodes. One instance serves one run: it keeps one connection per host for the run, logs full
    /// output of every command to the run log, and raises SSH errors that name host, command, exit code, the last
    /// stderr lines and the log path.
    /// </summary>
    public interface IRemoteShell : System.IAsyncDisposable
    {
        /// <summary>Connects (learning and pinning the host key on first contact) and returns the host key.</summary>
        Task<HostKey> ConnectAsync(SshTarget target, CancellationToken cancellationToken);

        /// <summary>
        /// Runs a bash script on the node as root (through sudo -n when the user is not root), in one round trip.
        /// A non-zero exit raises SshCommandFailed unless <paramref name="allowFailure"/> is set.
        /// </summary>
        Task<RemoteResult> RunScriptAsync(SshTarget target, string description, string script, bool allowFailure, CancellationToken cancellationToken);

        /// <summary>
        /// Registers a secret the run made and is about to send to a node (a bootstrap token, a certificate key):
        /// from now on every output this shell returns, logs or puts into an error shows it as "[redacted]".
        /// </summary>
        void Redact(string secret);

        /// <summary>Round trips made to each host so far (for benchmarks and tests).</summary>
        int RoundTrips(string nodeName);
    }
}
