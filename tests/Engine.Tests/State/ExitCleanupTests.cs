using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.State;

/// <summary>Runs alone: ExitCleanup.RunAll acts on every registration of the process, as it does when the process ends.</summary>
[CollectionDefinition(nameof(ExitCleanupTests), DisableParallelization = true)]
public sealed class ExitCleanupCollection
{
}

[Collection(nameof(ExitCleanupTests))]
public sealed class ExitCleanupTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task RunAll_ProcessEndsWhileALeaseIsHeld_ReleasesTheLock()
    {
        var store = new LocalStateStore(folder.Path);
        var lease = await store.AcquireLockAsync("prod", "apply");

        ExitCleanup.RunAll();

        Assert.False(File.Exists(Path.Combine(folder.Path, "prod", "lock.json")));
        await using var next = await store.AcquireLockAsync("prod", "sync");
        await lease.DisposeAsync();
        Assert.True(File.Exists(Path.Combine(folder.Path, "prod", "lock.json")), "releasing the old lease again must leave the new lock alone");
    }

    [Fact]
    public void RunAll_DisposedRegistration_DoesNotRun()
    {
        var ran = new List<string>();
        using (ExitCleanup.Register(() => ran.Add("taken back"))) { }
        using var kept = ExitCleanup.Register(() => ran.Add("kept"));

        ExitCleanup.RunAll();
        ExitCleanup.RunAll();

        Assert.Equal(new[] { "kept" }, ran);
    }
}
