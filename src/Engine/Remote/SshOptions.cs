using System;

namespace MultiCloud.Engine.Remote
{
    /// <summary>Connection behaviour of <see cref="OpenSshShell"/>.</summary>
    public sealed record SshOptions
    {
        /// <summary>How long ssh waits for the TCP connection and the server banner.</summary>
        public int ConnectTimeoutSeconds { get; init; } = 10;

        /// <summary>Keep-alive probes through the encrypted channel, so a dead peer ends a command instead of hanging it.</summary>
        public int ServerAliveIntervalSeconds { get; init; } = 15;
        public int ServerAliveCountMax { get; init; } = 3;

        /// <summary>How long a host's master connection stays open after its last command.</summary>
        public int ControlPersistSeconds { get; init; } = 60;

        /// <summary>Attempts per command when the connection itself fails (refused, timed out, reset); 1 disables retries.</summary>
        public int MaxAttempts { get; init; } = 3;

        /// <summary>Wait before the second attempt; doubled before each further one.</summary>
        public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>The OpenSSH client binaries; bare names are looked up on PATH.</summary>
        public string SshPath { get; init; } = "ssh";
        public string SshKeygenPath { get; init; } = "ssh-keygen";

        public static SshOptions Default { get; } = new SshOptions();
    }
}
