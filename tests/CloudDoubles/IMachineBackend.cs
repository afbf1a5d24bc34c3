namespace MultiCloud.CloudDoubles;

/// <summary>A machine a double's "create VM" made real: its name and the address it is reached on.</summary>
public sealed record BootedMachine(string Name, string PublicAddress);

/// <summary>
/// What stands behind a double's VMs. The lab backend boots a real lab host (tests/lab) and runs the user data on
/// it (the lab image's stand-in for cloud-init), so the engine then reaches a real machine over SSH; the address
/// backend only hands out addresses, for tests of the API conversation alone.
/// </summary>
public interface IMachineBackend
{
    Task<BootedMachine> BootAsync(string name, string userData, CancellationToken cancellationToken);

    Task DestroyAsync(string name, CancellationToken cancellationToken);
}

/// <summary>Hands out documentation addresses (198.51.100.0/24) and boots nothing: for API-level tests without hosts.</summary>
public sealed class AddressOnlyMachineBackend : IMachineBackend
{
    private readonly object gate = new();
    private readonly Dictionary<string, BootedMachine> machines = new(StringComparer.Ordinal);
    private int next = 10;

    /// <summary>User data each machine was given, so tests can check what the engine sent.</summary>
    public IReadOnlyDictionary<string, string> UserData => userData;

    private readonly Dictionary<string, string> userData = new(StringComparer.Ordinal);

    public Task<BootedMachine> BootAsync(string name, string userData, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!machines.TryGetValue(name, out var machine))
            {
                machine = new BootedMachine(name, "198.51.100." + next++);
                machines[name] = machine;
            }
            this.userData[name] = userData;
            return Task.FromResult(machine);
        }
    }

    public Task DestroyAsync(string name, CancellationToken cancellationToken)
    {
        lock (gate) machines.Remove(name);
        return Task.CompletedTask;
    }
}
