using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Execution
{
    /// <summary>The services one run of the executor gives its step handlers. Explicit members, no bag.</summary>
    public sealed record RunServices
    {
        public required IEngineLog Log { get; init; }

        /// <summary>The cluster's private folder (SSH key pair, run logs).</summary>
        public required string ClusterDirectory { get; init; }

        /// <summary>This run's log file; full output of remote commands goes there.</summary>
        public required string RunLogPath { get; init; }

        public required ICredentialResolver Credentials { get; init; }

        /// <summary>SSH to nodes, one multiplexed connection per host for the run.</summary>
        public required Remote.IRemoteShell Remote { get; init; }

        /// <summary>The cluster's own SSH private key (generated ed25519), used for nodes that name no key of their own.</summary>
        public required string ClusterKeyPath { get; init; }

        /// <summary>The run's cloud providers (machines, DNS); null where a run is composed without them (node-only tests).</summary>
        public Cloud.CloudSession? Cloud { get; init; }
    }
}
