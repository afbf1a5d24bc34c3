using System;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// Waits for EC2 to reach a state (an instance running, terminated) by asking again with growing pauses: a quarter
    /// second first, doubling to at most five, for at most <see cref="Limit"/>. EC2 has no long-running-operation
    /// handle to poll, only the resource itself.
    /// </summary>
    internal static class AwsPolling
    {
        public static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

        /// <summary>Calls <paramref name="probe"/> until it returns a value; null means "not yet".</summary>
        public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, Func<CloudException> timedOut, CancellationToken cancellationToken, TimeSpan? limit = null) where T : class
        {
            var pause = TimeSpan.FromMilliseconds(250);
            var deadline = DateTime.UtcNow + (limit ?? Limit);
            while (true)
            {
                if (await probe().ConfigureAwait(false) is { } done) return done;
                if (DateTime.UtcNow > deadline) throw timedOut();
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 5000));
            }
        }
    }
}
