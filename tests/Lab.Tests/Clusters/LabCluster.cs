using MultiCloud.Engine.Client;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;
using MultiCloud.Lab.Tests.Infrastructure;

namespace MultiCloud.Lab.Tests.Clusters;

/// <summary>
/// One test cluster: its own state folder and a client on it. Applies stop at the load-balancer layer, because
/// Kubernetes steps are not supported yet and would fail.
/// </summary>
public sealed class LabCluster
{
    /// <summary>Short SSH timeouts: an unreachable lab host should fail a test in seconds, not in half a minute.</summary>
    public static readonly SshOptions FastFailingSsh = SshOptions.Default with
    {
        ConnectTimeoutSeconds = 3,
        MaxAttempts = 2,
        InitialBackoff = TimeSpan.FromMilliseconds(500),
    };

    public static readonly ApplyOptions UntilLoadBalancers = new() { Plan = new PlanOptions { Until = ClusterLayer.LoadBalancers } };

    public LabCluster(string name, string stateDirectory)
    {
        Name = name;
        StateDirectory = stateDirectory;
        Client = new MultiCloudClient(new MultiCloudClientOptions { StateDirectory = stateDirectory, Ssh = FastFailingSsh });
    }

    public string Name { get; }
    public string StateDirectory { get; }
    public MultiCloudClient Client { get; }

    public static LabCluster Create(LabFixture lab, string name) => new(name, lab.NewScratchFolder(name));

    public Task<ApplyResult> ApplyAsync(LabTopology topology, EventRecorder? events = null, ClusterLayer until = ClusterLayer.LoadBalancers) =>
        Client.ApplyAsync(topology.ToSpec(), new ApplyOptions { Plan = new PlanOptions { Until = until } }, events, CancellationToken.None);

    public Task<Plan> PlanAsync(LabTopology topology) =>
        Client.PlanAsync(topology.ToSpec(), UntilLoadBalancers.Plan, CancellationToken.None);

    /// <summary>Applies exactly a plan shown before, with the refresh it was made from (as the front ends do after asking).</summary>
    public Task<ApplyResult> ApplyConfirmedAsync(LabTopology topology, Plan plan) =>
        Client.ApplyAsync(topology.ToSpec(), ApplyOptions.Confirmed(plan, UntilLoadBalancers.Plan), null, CancellationToken.None);

    /// <summary>The cluster and its nodes as a refresh sees them now (what `multicloud status` and Get-MCCluster show).</summary>
    public async Task<Engine.Views.ClusterStatus> StatusAsync() =>
        (await Client.GetStatusAsync(Name, RefreshMode.CheckHosts, CancellationToken.None)).Single();

    public Task<ApplyResult> SyncAsync(EventRecorder? events = null) =>
        Client.SyncAsync(Name, UntilLoadBalancers, events, CancellationToken.None);

    /// <summary>The saved state, or null when nothing was ever saved for the cluster.</summary>
    public Task<ClusterState?> StateAsync() => Client.Store.LoadAsync(Name, CancellationToken.None);

    /// <summary>The state node of a lab host (matched by its address).</summary>
    public async Task<NodeState> NodeOfAsync(LabHost host)
    {
        var state = await StateAsync() ?? throw new InvalidOperationException($"cluster {Name} has no state");
        return state.Nodes.Single(node => node.PublicAddress == host.Address);
    }
}
