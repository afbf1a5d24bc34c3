using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.State;

public sealed class LocalStateStoreLockTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly LocalStateStore store;

    public LocalStateStoreLockTests() => store = new LocalStateStore(folder.Path);

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task AcquireLockAsync_AlreadyHeld_FailsNamingTheHolder()
    {
        await using var lease = await store.AcquireLockAsync("prod", "apply");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.AcquireLockAsync("prod", "destroy"));

        Assert.Equal(ErrorIds.StateLocked, error.ErrorId);
        Assert.Equal(ErrorKind.Busy, error.Kind);
        Assert.Contains(lease.Holder.ToString(), error.Message);
        Assert.Contains("apply", error.Message);
        Assert.Contains(Environment.ProcessId.ToString(), error.Message);
        Assert.DoesNotContain("stale", error.Message);
    }

    [Fact]
    public async Task AcquireLockAsync_HolderProcessGoneOnThisHost_SaysStaleAndHowToBreakIt()
    {
        var crashed = new LocalStateStore(folder.Path, operation => new LockHolder(operation, int.MaxValue, Environment.MachineName, "someone", DateTimeOffset.UtcNow));
        await crashed.AcquireLockAsync("prod", "apply");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.AcquireLockAsync("prod", "apply"));

        Assert.Equal(ErrorIds.StateLocked, error.ErrorId);
        Assert.Contains("looks stale", error.Message);
        Assert.Contains("Unlock-MCCluster -Name prod", error.Message);
        Assert.Contains("multicloud unlock prod", error.Message);
    }

    [Fact]
    public async Task AcquireLockAsync_HolderOnAnotherHost_IsNotCalledStale()
    {
        var remote = new LocalStateStore(folder.Path, operation => new LockHolder(operation, int.MaxValue, "build-agent-7", "ci", DateTimeOffset.UtcNow));
        await remote.AcquireLockAsync("prod", "apply");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.AcquireLockAsync("prod", "apply"));

        Assert.Contains("build-agent-7", error.Message);
        Assert.DoesNotContain("stale", error.Message);
    }

    [Fact]
    public async Task BreakLockAsync_LockOfAProcessGoneFromThisHost_RemovesItAndReturnsTheHolder()
    {
        var crashed = new LocalStateStore(folder.Path, operation => new LockHolder(operation, int.MaxValue, Environment.MachineName, "someone", DateTimeOffset.UtcNow));
        var abandoned = await crashed.AcquireLockAsync("prod", "apply");

        var holder = await store.BreakLockAsync("prod", force: false);
        await using var next = await store.AcquireLockAsync("prod", "sync");

        Assert.Equal(abandoned.Holder, holder);
        Assert.Equal("sync", next.Holder.Operation);
    }

    [Fact]
    public async Task BreakLockAsync_LockOfARunStillGoingOnThisHost_IsRefusedNamingTheProcess()
    {
        await using var running = await store.AcquireLockAsync("prod", "apply");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.BreakLockAsync("prod", force: false));

        Assert.Equal(ErrorIds.StateLocked, error.ErrorId);
        Assert.Contains("is still running on this host", error.Message);
        Assert.Contains("kill -TERM " + Environment.ProcessId, error.Message);
        Assert.Contains("multicloud unlock prod --force", error.Message);
        Assert.True(File.Exists(Path.Combine(folder.Path, "prod", "lock.json")));
    }

    [Fact]
    public async Task BreakLockAsync_LockOfARunStillGoingWithForce_RemovesIt()
    {
        var running = await store.AcquireLockAsync("prod", "apply");

        var holder = await store.BreakLockAsync("prod", force: true);

        Assert.Equal(running.Holder, holder);
        Assert.False(File.Exists(Path.Combine(folder.Path, "prod", "lock.json")));
    }

    [Fact]
    public async Task BreakLockAsync_LockOfAnotherHost_RemovesIt()
    {
        var remote = new LocalStateStore(folder.Path, operation => new LockHolder(operation, Environment.ProcessId, "build-agent-7", "ci", DateTimeOffset.UtcNow));
        var held = await remote.AcquireLockAsync("prod", "apply");

        Assert.Equal(held.Holder, await store.BreakLockAsync("prod", force: false));
    }

    [Fact]
    public async Task AcquireAndBreakLock_LockFileIsAFolder_FailWithStateCorruptNamingIt()
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, "prod", "lock.json"));

        var acquire = await Assert.ThrowsAsync<MultiCloudException>(() => store.AcquireLockAsync("prod", "apply"));
        var unlock = await Assert.ThrowsAsync<MultiCloudException>(() => store.BreakLockAsync("prod", force: true));

        Assert.Equal((ErrorIds.StateCorrupt, ErrorIds.StateCorrupt), (acquire.ErrorId, unlock.ErrorId));
        Assert.Contains(Path.Combine(folder.Path, "prod", "lock.json") + "' is a folder", acquire.Message);
    }

    [Fact]
    public async Task SaveAsync_LockWasBrokenAndTakenByAnother_FailsWithStateLocked()
    {
        var abandoned = await store.AcquireLockAsync("prod", "apply");
        await store.BreakLockAsync("prod", force: true);
        await using var next = await store.AcquireLockAsync("prod", "sync");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.SaveAsync(abandoned, new ClusterState { Name = "prod" }));
        var delete = await Assert.ThrowsAsync<MultiCloudException>(() => store.DeleteAsync(abandoned));

        Assert.Equal(ErrorIds.StateLocked, error.ErrorId);
        Assert.Contains("no longer locked", error.Message);
        Assert.Contains("sync", error.Message);
        Assert.Equal(ErrorIds.StateLocked, delete.ErrorId);
        Assert.Null(await store.LoadAsync("prod"));

        // Releasing the broken lease must not remove the lock that replaced it.
        await abandoned.DisposeAsync();
        await Assert.ThrowsAsync<MultiCloudException>(() => store.AcquireLockAsync("prod", "third"));
    }

    [Fact]
    public async Task BreakLockAsync_NoLock_ReturnsNull()
    {
        Assert.Null(await store.BreakLockAsync("prod", force: false));
    }

    [Fact]
    public async Task DisposeAsync_Lease_ReleasesTheLock()
    {
        var lease = await store.AcquireLockAsync("prod", "apply");

        await lease.DisposeAsync();
        var lockFileAfterDispose = File.Exists(Path.Combine(folder.Path, "prod", "lock.json"));
        await using var again = await store.AcquireLockAsync("prod", "apply");

        Assert.False(lockFileAfterDispose);
        Assert.Equal("apply", again.Holder.Operation);
    }

    [Fact]
    public async Task SaveAsync_ReleasedLease_FailsWithStateLocked()
    {
        var lease = await store.AcquireLockAsync("prod", "apply");
        await lease.DisposeAsync();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.SaveAsync(lease, new ClusterState { Name = "prod" }));

        Assert.Equal(ErrorIds.StateLocked, error.ErrorId);
    }

    [Fact]
    public async Task SaveAsync_LeaseOfAStoreWithAnotherRoot_FailsWithStateLocked()
    {
        using var otherFolder = new TemporaryFolder();
        var other = new LocalStateStore(otherFolder.Path);
        await using var foreign = await other.AcquireLockAsync("prod", "apply");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.SaveAsync(foreign, new ClusterState { Name = "prod" }));

        Assert.Equal(ErrorIds.StateLocked, error.ErrorId);
    }

    [Fact]
    public async Task AcquireLockAsync_TwoThreadsRacing_ExactlyOneWins()
    {
        for (var round = 0; round < 25; round++)
        {
            var name = "race-" + round;
            using var start = new ManualResetEventSlim();
            var contenders = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                try
                {
                    return (Lease: await store.AcquireLockAsync(name, "race"), Error: (MultiCloudException?)null);
                }
                catch (MultiCloudException e)
                {
                    return (Lease: (StateLease?)null, Error: e);
                }
            })).ToList();

            start.Set();
            var results = await Task.WhenAll(contenders);

            Assert.Single(results, result => result.Lease is not null);
            Assert.Single(results, result => result.Error?.ErrorId == ErrorIds.StateLocked);
        }
    }
}
