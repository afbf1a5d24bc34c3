using System;

namespace MultiCloud.Engine.Remote
{
    /// <summary>Connection behaviour of <see cref="SshNetShell"/>.</summary>
    public sealed record SshOptions
    {
        /// <summary>How long connecting may take in all: TCP, the server's banner, key exchange and login. Also how long a node may take to open a command's channel.</summary>
        public int ConnectTimeoutSeconds { get; init; } = 10;

        /// <summary>
        /// Keepalives (as OpenSSH's ServerAliveInterval/CountMax): every interval the connection sends one, and while a
        /// command runs the node must answer a probe; after CountMax unanswered probes in a row the command is given
        /// up as a connection failure, so a dead peer ends a command instead of hanging it. 0 turns them off.
        /// </summary>
        public int ServerAliveIntervalSeconds { get; init; } = 15;
        public int ServerAliveCountMax { get; init; } = 3;

        /// <summary>Attempts per command when the connection itself fails (refused, timed out, reset, lost, no keepalive answer); 1 disables retries.</summary>
        public int MaxAttempts { get; init; } = 3;

        /// <summary>Wait before the second attempt; doubled before each further one.</summary>
        public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

        public static SshOptions Default { get; } = new SshOptions();
    }
}
