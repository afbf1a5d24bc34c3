namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>
/// Runs checks on lab hosts as root over ssh with the lab's key, independently of the engine under test: what
/// these scripts see is what is really on the host.
/// </summary>
public sealed class HostShell
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly string keyPath;

    public HostShell(string keyPath)
    {
        this.keyPath = keyPath;
    }

    /// <summary>Runs a bash script on the host; any exit code is returned, only ssh's own failure raises.</summary>
    public async Task<ProcessOutput> RunAsync(LabHost host, string script, TimeSpan? limit = null)
    {
        var result = await LocalProcess.RunAsync("ssh", Arguments(host), script, limit ?? Limit);
        if (result.ExitCode == 255 && result.StandardError.Contains("ssh:", StringComparison.Ordinal))
            throw new InvalidOperationException($"could not reach lab host {host.Name} ({host.Address}): {result.StandardError.Trim()}");
        return result;
    }

    /// <summary>Runs a bash script on the host and returns its output; a non-zero exit fails the test with its stderr.</summary>
    public async Task<string> OutputAsync(LabHost host, string script, TimeSpan? limit = null)
    {
        var result = await RunAsync(host, script, limit);
        if (!result.Succeeded)
            throw new InvalidOperationException($"on {host.Name}: exit {result.ExitCode} from\n{script}\nstderr: {result.StandardError.Trim()}\nstdout: {result.StandardOutput.Trim()}");
        return result.StandardOutput;
    }

    /// <summary>The same script on several hosts at once, answers by host name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> OutputsAsync(IEnumerable<LabHost> hosts, Func<LabHost, string> script)
    {
        var list = hosts.ToList();
        var outputs = await Task.WhenAll(list.Select(host => OutputAsync(host, script(host))));
        return list.Select((host, i) => (host.Name, outputs[i])).ToDictionary(p => p.Name, p => p.Item2);
    }

    private IEnumerable<string> Arguments(LabHost host) => new[]
    {
        "-F", "none",
        "-i", keyPath,
        "-o", "IdentitiesOnly=yes",
        "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null",
        "-o", "ConnectTimeout=5",
        "-o", "LogLevel=ERROR",
        "root@" + host.Address,
        "bash -s",
    };
}
