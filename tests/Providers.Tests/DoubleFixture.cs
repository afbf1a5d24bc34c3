using MultiCloud.CloudDoubles;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Providers.Tests;

/// <summary>Secrets held in memory for one test; a reference names its key ("env:HCLOUD_TOKEN" → "HCLOUD_TOKEN").</summary>
public sealed class MemoryCredentials : ICredentialResolver
{
    private readonly Dictionary<string, string> secrets;

    public MemoryCredentials(Dictionary<string, string> secrets) => this.secrets = secrets;

    public Task<string> ResolveAsync(CredentialRef reference, CancellationToken cancellationToken) =>
        Task.FromResult(secrets.TryGetValue(reference.Reference, out var secret) ? secret : throw new InvalidOperationException("no secret " + reference));
}

/// <summary>Log lines of one test, to check that no secret reaches them.</summary>
public sealed class RecordingLog : IEngineLog
{
    private readonly List<string> lines = new();

    public IReadOnlyList<string> Lines { get { lock (lines) return lines.ToList(); } }

    public void Write(LogLevel level, string message)
    {
        lock (lines) lines.Add(level + " " + message);
    }
}

/// <summary>A throwaway CA, a folder for its PEM, and an API double served over HTTPS for one test class.</summary>
public abstract class DoubleFixture : IAsyncDisposable
{
    protected DoubleFixture(string name)
    {
        Folder = Path.Combine(Path.GetTempPath(), "mc-" + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Authority = new TestCertificateAuthority(Folder);
    }

    public string Folder { get; }
    public TestCertificateAuthority Authority { get; }
    public ResourceLedger Ledger { get; } = new();
    public FailurePlan Failures { get; } = new();
    public RecordingLog Log { get; } = new();

    /// <summary>Fast retries and polls: the logic the real defaults run, without their waits.</summary>
    public static RetryPolicy FastRetry { get; } = new()
    {
        MaxAttempts = 4,
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        PollInterval = TimeSpan.FromMilliseconds(10),
        OperationTimeout = TimeSpan.FromMinutes(2),
    };

    public virtual async ValueTask DisposeAsync()
    {
        await Task.Yield();
        Authority.Dispose();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
