using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Client
{
    /// <summary>
    /// How a command over several clusters (a manifest with more than one) goes on when one of them fails, the same in
    /// both hosts: clusters are independent, so the others still run; each failure is reported as it happens, and the
    /// command fails at the end. A stop (Ctrl+C, a stopped job) ends the whole batch at once.
    /// </summary>
    public static class ClusterBatch
    {
        /// <summary>Runs <paramref name="body"/> for each item in order; returns the failures it reported.</summary>
        public static IReadOnlyList<MultiCloudException> ForEach<T>(IEnumerable<T> items, Action<T> body, Action<MultiCloudException> report)
        {
            var failures = new List<MultiCloudException>();
            foreach (var item in items)
            {
                try
                {
                    body(item);
                }
                catch (MultiCloudException failure) when (failure.Kind != ErrorKind.Canceled)
                {
                    failures.Add(failure);
                    report(failure);
                }
            }
            return failures;
        }

        /// <summary>The same for hosts that wait asynchronously.</summary>
        public static async Task<IReadOnlyList<MultiCloudException>> ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> body, Action<MultiCloudException> report)
        {
            var failures = new List<MultiCloudException>();
            foreach (var item in items)
            {
                try
                {
                    await body(item).ConfigureAwait(false);
                }
                catch (MultiCloudException failure) when (failure.Kind != ErrorKind.Canceled)
                {
                    failures.Add(failure);
                    report(failure);
                }
            }
            return failures;
        }
    }
}
