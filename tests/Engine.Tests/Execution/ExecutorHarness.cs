using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.State;

namespace MultiCloud.Engine.Tests.Execution;

/// <summary>A real local store in a temp folder, a held lease, and recorders for events and log lines.</summary>
internal sealed class ExecutorHarness : IAsyncDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly List<EngineEvent> events = new();

    private ExecutorHarness(string clusterName)
    {
        ClusterName = clusterName;
        Store = new LocalStateStore(folder.Path);
        var directory = Store.GetClusterDirectory(clusterName);
        Services = new RunServices
        {
            Log = Log,
            ClusterDirectory = directory,
            RunLogPath = Path.Combine(directory, "run.log"),
            Credentials = new DefaultCredentialResolver(),
            Remote = new UnusedTestRemoteShell(),
            ClusterKeyPath = Path.Combine(directory, "id_ed25519"),
        };
    }

    public string ClusterName { get; }
    public LocalStateStore Store { get; }
    public StateLease Lease { get; private set; } = null!;
    public RunServices Services { get; }
    public ListTestEngineLog Log { get; } = new();

    public List<EngineEvent> Events
    {
        get { lock (events) { return events.ToList(); } }
    }

    public static async Task<ExecutorHarness> CreateAsync(string clusterName = "prod")
    {
        var harness = new ExecutorHarness(clusterName);
        harness.Lease = await harness.Store.AcquireLockAsync(clusterName, "test");
        return harness;
    }

    /// <summary>The state on disk, or a fresh one for a cluster that has none yet.</summary>
    public async Task<ClusterState> CurrentAsync() =>
        await Store.LoadAsync(ClusterName) ?? new ClusterState { Name = ClusterName };

    public Task<ClusterState?> OnDiskAsync() => Store.LoadAsync(ClusterName);

    public async Task<ClusterState> SeedAsync(ClusterState state) => await Store.SaveAsync(Lease, state);

    public async Task<ClusterState> RunAsync(Plan plan, IEnumerable<IStepHandler> handlers, int maxParallelTargets = 8, CancellationToken cancellationToken = default)
    {
        var executor = new PlanExecutor(Store, new StepHandlerRegistry(handlers), new ExecutorOptions { MaxParallelTargets = maxParallelTargets });
        return await executor.RunAsync(Lease, plan, await CurrentAsync(), Services, new SynchronousTestProgress(Record), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Lease.DisposeAsync();
        folder.Dispose();
    }

    private void Record(EngineEvent engineEvent)
    {
        lock (events)
        {
            events.Add(engineEvent);
        }
    }

    /// <summary>Reports on the calling thread, unlike Progress&lt;T&gt;, so tests see events in the order they were raised.</summary>
    private sealed class SynchronousTestProgress(Action<EngineEvent> report) : IProgress<EngineEvent>
    {
        public void Report(EngineEvent value) => report(value);
    }
}

internal sealed class ListTestEngineLog : IEngineLog
{
    private readonly List<string> lines = new();

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) { return lines.ToList(); } }
    }

    public void Write(LogLevel level, string message)
    {
        lock (lines)
        {
            lines.Add(level + " " + message);
        }
    }
}

/// <summary>Executor tests never reach nodes; any use of the shell is a test bug.</summary>
internal sealed class UnusedTestRemoteShell : IRemoteShell
{
    public Task<HostKey> ConnectAsync(SshTarget target, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("executor tests do not use SSH");

    public Task<RemoteResult> RunScriptAsync(SshTarget target, string description, string script, bool allowFailure, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("executor tests do not use SSH");

    public void Redact(string secret) =>
        throw new InvalidOperationException("executor tests do not use SSH");

    public int RoundTrips(string nodeName) => 0;

    public ValueTask DisposeAsync() => default;
}
