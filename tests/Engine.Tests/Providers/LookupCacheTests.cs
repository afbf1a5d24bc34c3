using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Engine.Tests.Providers
{
    /// <summary>Catalogue lookups are shared by concurrent callers and a failure is never kept.</summary>
    public sealed class LookupCacheTests
    {
        [Fact]
        public async Task GetAsync_CallersAtTheSameTime_ShareOneLookup()
        {
            var cache = new LookupCache<string>(StringComparer.OrdinalIgnoreCase);
            var release = new TaskCompletionSource<string>();
            var calls = 0;
            Task<string> Lookup()
            {
                Interlocked.Increment(ref calls);
                return release.Task;
            }

            var first = cache.GetAsync("eu-central-1", Lookup);
            var second = cache.GetAsync("EU-CENTRAL-1", Lookup);
            release.SetResult("zones");

            Assert.Equal(new[] { "zones", "zones" }, await Task.WhenAll(first, second));
            Assert.Equal("zones", await cache.GetAsync("eu-central-1", Lookup));
            Assert.Equal(1, calls);
        }

        [Fact]
        public async Task GetAsync_AfterAFailedLookup_AsksAgain()
        {
            var cache = new LookupCache<int>(StringComparer.Ordinal);
            var calls = 0;

            await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("sizes", () =>
            {
                calls++;
                return Task.FromException<int>(new InvalidOperationException("throttled"));
            }));
            var answer = await cache.GetAsync("sizes", () =>
            {
                calls++;
                return Task.FromResult(42);
            });

            Assert.Equal(42, answer);
            Assert.Equal(2, calls);
        }
    }
}
