using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Nodes;

/// <summary>An IRemoteShell that records what handlers send and answers with canned output; for handler logic only.</summary>
public sealed class RecordingShell : IRemoteShell
{
    private readonly Func<SshTarget, string, RemoteResult> answer;

    public RecordingShell(Func<SshTarget, string, RemoteResult>? answer = null)
    {
        this.answer = answer ?? ((_, _) => new RemoteResult(0, "", ""));
    }

    public List<(SshTarget Target, string Description, string Script)> Scripts { get; } = new();

    public List<SshTarget> Connects { get; } = new();

    /// <summary>The key every node presents on ConnectAsync.</summary>
    public HostKey PresentedKey { get; init; } = NodeExample.HostKey(99);

    public static RecordingShell Printing(string standardOutput) => new((_, _) => new RemoteResult(0, standardOutput, ""));

    public Task<HostKey> ConnectAsync(SshTarget target, CancellationToken cancellationToken)
    {
        lock (Connects) Connects.Add(target);
        return Task.FromResult(PresentedKey);
    }

    public Task<RemoteResult> RunScriptAsync(SshTarget target, string description, string script, bool allowFailure, CancellationToken cancellationToken)
    {
        lock (Scripts) Scripts.Add((target, description, script));
        return Task.FromResult(answer(target, script));
    }

    public List<string> Redacted { get; } = new();

    public void Redact(string secret)
    {
        lock (Redacted) Redacted.Add(secret);
    }

    public int RoundTrips(string nodeName) => Scripts.Count(s => s.Target.NodeName == nodeName);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
