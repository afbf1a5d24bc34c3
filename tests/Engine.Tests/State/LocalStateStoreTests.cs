using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.State;

public sealed class LocalStateStoreTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly LocalStateStore store;

    public LocalStateStoreTests() => store = new LocalStateStore(folder.Path);

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task SaveAsync_RichState_LoadsBackTheSameState()
    {
        await using var lease = await store.AcquireLockAsync("prod", "test");

        var saved = await store.SaveAsync(lease, StateSamples.Rich());
        var loaded = await store.LoadAsync("prod");

        Assert.Equal(1, saved.Serial);
        Assert.NotNull(loaded);
        Assert.Equal(StateJson.Serialize(saved), StateJson.Serialize(loaded!));
        Assert.Equal(1, loaded!.Serial);
        Assert.IsType<StaticNodePoolSpec>(loaded.AppliedSpec!.NodePools[2]);
        Assert.Equal("plan-123", loaded.Journal!.PlanId);
    }

    [Fact]
    public async Task LoadAsync_NoState_ReturnsNull()
    {
        Assert.Null(await store.LoadAsync("absent"));
    }

    [Fact]
    public async Task LoadAsync_LeftoverTempFile_IsIgnoredAndTheNextSaveRemovesIt()
    {
        await using var lease = await store.AcquireLockAsync("prod", "test");
        var saved = await store.SaveAsync(lease, StateSamples.Rich());
        var leftover = Path.Combine(folder.Path, "prod", "state.json.0123abcd.tmp");
        File.WriteAllText(leftover, "{ \"formatVersion\": 1, \"name\": \"pr");

        var loaded = await store.LoadAsync("prod");
        await store.SaveAsync(lease, loaded!);

        Assert.Equal(saved.Serial, loaded!.Serial);
        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task SaveAsync_StateThatCannotBeSerialized_LeavesThePreviousStateInPlace()
    {
        await using var lease = await store.AcquireLockAsync("prod", "test");
        var saved = await store.SaveAsync(lease, StateSamples.Rich());
        var before = File.ReadAllText(Path.Combine(folder.Path, "prod", "state.json"));
        var unwritable = saved with
        {
            AppliedSpec = saved.AppliedSpec! with { NodePools = new NodePoolSpec[] { new UnknownTestNodePoolSpec { Name = "odd" } } },
        };

        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(lease, unwritable));

        Assert.Equal(before, File.ReadAllText(Path.Combine(folder.Path, "prod", "state.json")));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder.Path, "prod"), "*.tmp"));
        Assert.Equal(saved.Serial, (await store.LoadAsync("prod"))!.Serial);
    }

    [Fact]
    public async Task SaveAsync_SerialBehindTheDisk_FailsWithStateConflict()
    {
        await using var lease = await store.AcquireLockAsync("prod", "test");
        var first = StateSamples.Rich();
        await store.SaveAsync(lease, first);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.SaveAsync(lease, first));

        Assert.Equal(ErrorIds.StateConflict, error.ErrorId);
        Assert.Contains("serial 0", error.Message);
        Assert.Contains("serial 1", error.Message);
    }

    [Fact]
    public async Task SaveAsync_ManySaves_KeepsTheLastTwentyVersionsInHistory()
    {
        await using var lease = await store.AcquireLockAsync("prod", "test");
        var state = new ClusterState { Name = "prod" };
        for (var i = 0; i < 25; i++)
        {
            state = await store.SaveAsync(lease, state with { Applied = new Dictionary<string, string> { ["round"] = i.ToString() } });
        }

        var history = Directory.GetFiles(Path.Combine(folder.Path, "prod", "history"))
            .Select(Path.GetFileName)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
        var expected = Enumerable.Range(5, 20).Select(serial => $"state.{serial}.json").OrderBy(name => name, StringComparer.Ordinal);
        Assert.Equal(expected, history);
        var version7 = StateJson.Deserialize(File.ReadAllText(Path.Combine(folder.Path, "prod", "history", "state.7.json")), "history");
        Assert.Equal(7, version7.Serial);
        Assert.Equal("6", version7.Applied["round"]);
    }

    [Fact]
    public async Task LoadAsync_CorruptStateFile_FailsNamingTheFileAndTheHistoryFolder()
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, "prod"));
        File.WriteAllText(Path.Combine(folder.Path, "prod", "state.json"), "{ \"formatVersion\": 1, \"name\": ");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.LoadAsync("prod"));

        Assert.Equal(ErrorIds.StateCorrupt, error.ErrorId);
        Assert.Contains(Path.Combine(folder.Path, "prod", "state.json"), error.Message);
        Assert.Contains(Path.Combine(folder.Path, "prod", "history"), error.Message);
    }

    [Fact]
    public async Task LoadAsync_NewerFormatVersion_FailsWithStateVersionUnsupported()
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, "prod"));
        File.WriteAllText(Path.Combine(folder.Path, "prod", "state.json"), "{ \"formatVersion\": 2, \"name\": \"prod\" }");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.LoadAsync("prod"));

        Assert.Equal(ErrorIds.StateVersionUnsupported, error.ErrorId);
        Assert.Contains("version 2", error.Message);
        Assert.Contains("version 1", error.Message);
    }

    [Fact]
    public async Task LoadAsync_StateOfAnotherCluster_FailsWithStateCorrupt()
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, "prod"));
        File.WriteAllText(Path.Combine(folder.Path, "prod", "state.json"), StateJson.Serialize(new ClusterState { Name = "test" }));

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.LoadAsync("prod"));

        Assert.Equal(ErrorIds.StateCorrupt, error.ErrorId);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData("Prod")]
    [InlineData("-prod")]
    [InlineData("prod-")]
    [InlineData("c:")]
    [InlineData("a-very-long-name-that-goes-on-and-on-past-the-sixty-three-limit-x")]
    public async Task Operations_NameThatIsNotADnsLabel_FailWithClusterNameInvalid(string name)
    {
        var load = await Assert.ThrowsAsync<MultiCloudException>(() => store.LoadAsync(name));
        var acquire = await Assert.ThrowsAsync<MultiCloudException>(() => store.AcquireLockAsync(name, "test"));
        var directory = Assert.Throws<MultiCloudException>(() => store.GetClusterDirectory(name));

        Assert.All(new[] { load, acquire, directory }, error => Assert.Equal(ErrorIds.ClusterNameInvalid, error.ErrorId));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(folder.Path)!, "escape")));
    }

    [Fact]
    public async Task ListAsync_SomeFoldersWithState_ListsOnlyValidClustersWithState()
    {
        foreach (var name in new[] { "beta", "alpha" })
        {
            await using var lease = await store.AcquireLockAsync(name, "test");
            await store.SaveAsync(lease, new ClusterState { Name = name });
        }

        store.GetClusterDirectory("no-state-yet");
        Directory.CreateDirectory(Path.Combine(folder.Path, "Not_A_Cluster"));
        File.WriteAllText(Path.Combine(folder.Path, "Not_A_Cluster", "state.json"), "{}");

        Assert.Equal(new[] { "alpha", "beta" }, await store.ListAsync());
    }

    [Fact]
    public async Task ListAsync_RootMissing_ReturnsEmpty()
    {
        var missing = new LocalStateStore(Path.Combine(folder.Path, "not-there"));

        Assert.Empty(await missing.ListAsync());
    }

    [Fact]
    public async Task GetClusterDirectory_OnUnix_CreatesOwnerOnlyFolderAndFiles()
    {
        var directory = store.GetClusterDirectory("prod");
        await using (var lease = await store.AcquireLockAsync("prod", "test"))
        {
            await store.SaveAsync(lease, new ClusterState { Name = "prod" });
            await store.SaveAsync(lease, (await store.LoadAsync("prod"))!);
        }

        Assert.Equal(Path.Combine(folder.Path, "prod"), directory);
        Assert.True(Directory.Exists(directory));
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode ownerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            const UnixFileMode ownerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(ownerOnlyFolder, File.GetUnixFileMode(directory));
            Assert.Equal(ownerOnlyFolder, File.GetUnixFileMode(Path.Combine(directory, "history")));
            Assert.Equal(ownerOnlyFile, File.GetUnixFileMode(Path.Combine(directory, "state.json")));
            Assert.Equal(ownerOnlyFile, File.GetUnixFileMode(Path.Combine(directory, "history", "state.1.json")));
        }
    }

    [Fact]
    public async Task DeleteAsync_HeldLock_RemovesTheClusterFolder()
    {
        var lease = await store.AcquireLockAsync("prod", "destroy");
        await store.SaveAsync(lease, StateSamples.Rich());
        File.WriteAllText(Path.Combine(store.GetClusterDirectory("prod"), "id_ed25519"), "key");

        await store.DeleteAsync(lease);
        await lease.DisposeAsync();

        Assert.False(Directory.Exists(Path.Combine(folder.Path, "prod")));
        Assert.Null(await store.LoadAsync("prod"));
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task SaveAsync_LeaseOfAnotherCluster_FailsWithStateLocked()
    {
        await using var lease = await store.AcquireLockAsync("other", "test");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.SaveAsync(lease, new ClusterState { Name = "prod" }));

        Assert.Equal(ErrorIds.StateLocked, error.ErrorId);
        Assert.Null(await store.LoadAsync("prod"));
    }

    /// <summary>A pool kind the JSON form does not know, to make serialization fail.</summary>
    private sealed record UnknownTestNodePoolSpec : NodePoolSpec;
}
