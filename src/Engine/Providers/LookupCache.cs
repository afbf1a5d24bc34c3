using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// A provider's read-only catalogue lookups (regions, sizes, zones, images), asked once per key and run: callers
    /// that ask at the same time share the one call, and a failed lookup is forgotten so the next caller asks again
    /// (a throttled list must not fail every later machine of the run).
    /// </summary>
    internal sealed class LookupCache<T>
    {
        private readonly Dictionary<string, Task<T>> entries;

        public LookupCache(StringComparer keys) => entries = new Dictionary<string, Task<T>>(keys);

        public async Task<T> GetAsync(string key, Func<Task<T>> lookup)
        {
            Task<T> task;
            lock (entries)
            {
                if (!entries.TryGetValue(key, out task!)) entries[key] = task = lookup();
            }
            try
            {
                return await task.ConfigureAwait(false);
            }
            catch
            {
                lock (entries)
                {
                    if (entries.TryGetValue(key, out var stored) && stored == task) entries.Remove(key);
                }
                throw;
            }
        }
    }
}
