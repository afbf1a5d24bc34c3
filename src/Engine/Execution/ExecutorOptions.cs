namespace MultiCloud.Engine.Execution
{
    /// <summary>How the plan executor runs.</summary>
    public sealed record ExecutorOptions
    {
        /// <summary>At most this many targets of one step run at once (SSH sessions, cloud calls).</summary>
        public int MaxParallelTargets { get; init; } = 8;

        public static ExecutorOptions Default { get; } = new ExecutorOptions();
    }
}
