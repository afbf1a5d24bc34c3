using System;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// How a provider retries what may pass (throttling, 5xx) and how often it polls a long operation. The defaults
    /// suit real clouds; tests against the API doubles shorten the waits, never the logic.
    /// </summary>
    public sealed record RetryPolicy
    {
        /// <summary>Attempts of one call, the first included.</summary>
        public int MaxAttempts { get; init; } = 6;

        public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>No wait is longer, whatever Retry-After or the backoff say.</summary>
        public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>Pause between polls of a long-running operation (a server being created).</summary>
        public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

        /// <summary>How long a long-running operation may take before the provider gives up on it.</summary>
        public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMinutes(10);

        public static RetryPolicy Default { get; } = new RetryPolicy();

        /// <summary>The wait before attempt <paramref name="attempt"/> + 1: what the cloud asked for, else exponential backoff.</summary>
        public TimeSpan DelayAfter(int attempt, TimeSpan? requested)
        {
            var backoff = TimeSpan.FromTicks(InitialDelay.Ticks * (1L << Math.Min(attempt - 1, 16)));
            var delay = requested is { } asked && asked > TimeSpan.Zero ? asked : backoff;
            return delay > MaxDelay ? MaxDelay : delay;
        }
    }
}
