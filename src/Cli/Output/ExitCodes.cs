namespace MultiCloud.Cli.Output
{
    /// <summary>Process exit codes of the console host; docs/cli.md lists them for scripts.</summary>
    public static class ExitCodes
    {
        public const int Success = 0;

        /// <summary>The engine failed (a step, a connection, a cloud call), or the user declined a confirmation.</summary>
        public const int EngineError = 1;

        /// <summary>The command line, the manifest or a missing confirmation is the problem: fix the input and retry.</summary>
        public const int Usage = 2;

        /// <summary>A cluster (or pool, node, example) that was named does not exist.</summary>
        public const int NotFound = 3;

        /// <summary>Another run holds the cluster's lock; retry later or run `multicloud unlock` after a crash.</summary>
        public const int Busy = 4;

        /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it); progress so far is recorded.</summary>
        public const int Canceled = 130;
    }
}
