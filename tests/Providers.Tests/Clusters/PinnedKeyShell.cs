using System.Text.RegularExpressions;
using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Providers.Tests.Clusters;

/// <summary>
/// Test double of the SSH transport for machines of an <see cref="AddressOnlyMachineBackend"/>: a machine "answers"
/// with the host key its user data installs, so a connect succeeds only when the engine pinned exactly that key and
/// sent it to exactly that machine. Own machines (static pools) answer with the host key <see cref="OwnMachines"/>
/// gives their endpoint. Runs no scripts (the tests stop at the infrastructure layer).
/// </summary>
public sealed partial class PinnedKeyShell : IRemoteShell
{
    private readonly AddressOnlyMachineBackend machines;

    public PinnedKeyShell(AddressOnlyMachineBackend machines) => this.machines = machines;

    /// <summary>Endpoint → the host key an own machine there presents.</summary>
    public Dictionary<string, string> OwnMachines { get; } = new(StringComparer.Ordinal);

    /// <summary>Connects made, by node.</summary>
    public List<string> Connected { get; } = new();

    public Task<HostKey> ConnectAsync(SshTarget target, CancellationToken cancellationToken)
    {
        var presented = OwnMachines.GetValueOrDefault(target.Host) ?? machines.UserData
            .Where(entry => entry.Key.EndsWith("-" + target.NodeName, StringComparison.Ordinal))
            .Select(entry => PublicKeyLine().Match(entry.Value))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .SingleOrDefault()
            ?? throw new MultiCloudException(ErrorIds.SshConnectionFailed, ErrorKind.Connection, $"no machine for {target.NodeName} at {target.Host}");
        if (presented != (target.PinnedHostKey ?? presented))
            throw new MultiCloudException(ErrorIds.SshHostKeyChanged, ErrorKind.Security, $"{target.NodeName} presented another host key");
        lock (Connected) Connected.Add(target.NodeName);
        return Task.FromResult(new HostKey(presented, HostKeyText.Fingerprint(presented)));
    }

    public Task<RemoteResult> RunScriptAsync(SshTarget target, string description, string script, bool allowFailure, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("these tests stop before any script runs on a node");

    public void Redact(string secret)
    {
    }

    public int RoundTrips(string nodeName) => 0;

    public ValueTask DisposeAsync() => default;

    [GeneratedRegex("printf '%s\\\\n' '(ssh-ed25519 [A-Za-z0-9+/=]+)' >/etc/ssh/ssh_host_ed25519_key.pub")]
    private static partial Regex PublicKeyLine();
}
