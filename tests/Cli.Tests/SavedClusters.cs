using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Cli.Tests;

/// <summary>Writes cluster state through the engine's own store, as a finished apply would have left it.</summary>
public static class SavedClusters
{
    public static ClusterState Demo(string name = "demo") => new()
    {
        Name = name,
        AppliedSpec = new ClusterSpec
        {
            Name = name,
            Kubernetes = new KubernetesSpec { Version = "v1.31.2", Network = "10.250.0.0/24" },
        },
        Nodes = new[]
        {
            new NodeState { Name = name + "-control-1", Pool = "control", Role = NodeRole.Control, MeshAddress = "10.250.0.1", PublicAddress = "203.0.113.10" },
            new NodeState { Name = name + "-compute-1", Pool = "compute", Role = NodeRole.Compute, MeshAddress = "10.250.0.2" },
        },
    };

    public static async Task SaveAsync(string stateDirectory, ClusterState state)
    {
        var store = new LocalStateStore(stateDirectory);
        var lease = await store.AcquireLockAsync(state.Name, "test");
        try
        {
            await store.SaveAsync(lease, state);
        }
        finally
        {
            await lease.DisposeAsync();
        }
    }
}
