using System.Collections.Concurrent;
using MultiCloud.CloudDoubles;

namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>
/// What stands behind the API doubles' VMs on the lab: "create VM" boots a real lab host with `lab.sh add
/// --user-data`, whose cloud-init stand-in runs the user data the engine sent at first boot, and reports the host's
/// lab address as the public IP; "delete VM" tears down exactly that host with `lab.sh remove`.
/// </summary>
public sealed class LabMachineBackend : IMachineBackend
{
    private readonly LabFixture lab;
    private readonly string folder;
    private readonly Func<LabHost, Task>? network;
    private readonly ConcurrentDictionary<string, LabHost> hosts = new(StringComparer.Ordinal);
    private int booted;

    /// <param name="network">
    /// What the cloud's network gives a new VM before the API reports it (such as its resolver), or null for nothing.
    /// </param>
    public LabMachineBackend(LabFixture lab, string folder, Func<LabHost, Task>? network = null)
    {
        this.lab = lab;
        this.folder = folder;
        this.network = network;
    }

    /// <summary>The lab host behind each VM that exists, by VM name.</summary>
    public IReadOnlyDictionary<string, LabHost> Hosts => hosts;

    /// <summary>Every user data a VM was booted with, for the scan that proves its private keys went nowhere else.</summary>
    public ConcurrentQueue<string> UserDataSeen { get; } = new();

    /// <summary>VMs booted since the start, deleted ones included: a duplicate create would show here.</summary>
    public int Booted => Volatile.Read(ref booted);

    public async Task<BootedMachine> BootAsync(string name, string userData, CancellationToken cancellationToken)
    {
        // The user data holds a private host key: it lives in an owner-only file only while lab.sh copies it.
        UserDataSeen.Enqueue(userData);
        var file = Path.Combine(folder, name + ".user-data");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (OperatingSystem.IsLinux()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(file, options))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteAsync(userData);
        try
        {
            var host = await LabScript.AddAsync(lab.Id, file);
            hosts[name] = host;
            Interlocked.Increment(ref booted);
            if (network != null) await network(host);
            return new BootedMachine(name, host.Address);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public async Task DestroyAsync(string name, CancellationToken cancellationToken)
    {
        if (hosts.TryRemove(name, out var host)) await LabScript.RemoveAsync(lab.Id, host);
    }
}
