using MultiCloud.Engine.Client;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Lab.Tests.Infrastructure;
using MultiCloud.Providers.Tests;
using MultiCloud.Providers.Tests.Clusters;

namespace MultiCloud.Lab.Tests.Clusters;

/// <summary>
/// The cloud scenarios' shared world: the Hetzner and Cloudflare API doubles with their VMs on lab hosts
/// (<see cref="LabMachineBackend"/>), one client with its state folder, and everything the runs printed — for the
/// secret scan at the end. Ordered scenarios pass the cluster on through <see cref="After"/>.
/// </summary>
public sealed class CloudLab : Xunit.IAsyncLifetime
{
    public const string ClusterName = "cloudy";

    private int passed;
    private DoublesEnvironment? doubles;

    public static readonly ApplyOptions UntilLoadBalancers = new() { Plan = new PlanOptions { Until = ClusterLayer.LoadBalancers } };

    public DoublesEnvironment Doubles => doubles ?? throw new InvalidOperationException("the cloud lab is not started");
    public LabMachineBackend Machines { get; private set; } = null!;
    public MultiCloudClient Client { get; private set; } = null!;
    public RecordingLog Log { get; } = new();
    public string Folder { get; private set; } = "";
    public LabHost StaticHost { get; private set; } = null!;

    /// <summary>Every progress event of every run, as a console would have shown them.</summary>
    public List<EngineEvent> Console { get; } = new();

    public async Task StartAsync(LabFixture lab)
    {
        Folder = lab.NewScratchFolder("cloud");
        LabKeyPath = lab.Lab.KeyPath;
        Machines = new LabMachineBackend(lab, Folder);
        doubles = await DoublesEnvironment.StartAsync(Path.Combine(Folder, "ca"), Machines);
        StaticHost = await lab.AddHostAsync();
        Client = new MultiCloudClient(new MultiCloudClientOptions
        {
            StateDirectory = Path.Combine(Folder, "state"),
            Credentials = Doubles.Credentials,
            Log = Log,
            Ssh = LabCluster.FastFailingSsh,
            Cloud = new CloudOptions { MachineReadyTimeout = TimeSpan.FromMinutes(3), MachineReadyInterval = TimeSpan.FromSeconds(1) },
            Composition = Doubles.Compose(EngineComposition.Default),
        });
    }

    /// <summary>The cluster: Hetzner control and load-balancer pools, a static compute machine, the API name in Cloudflare.</summary>
    public CloudClusterSpecs Cluster(string name = ClusterName) => CloudClusterSpecs.On(Doubles, name) with
    {
        StaticCompute = new[] { new Engine.Model.StaticNodeSpec { Endpoint = StaticHost.Address, PrivateKey = new Engine.Model.CredentialRef(Engine.Model.CredentialSource.File, LabKeyPath) } },
    };

    /// <summary>The lab's root key: the static machine's key, as a user names their own machine's key.</summary>
    public string LabKeyPath { get; private set; } = "";

    public async Task<ApplyResult> ApplyAsync(CloudClusterSpecs cluster, IProgress<EngineEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var recorder = new Recorder(this, progress);
        return await Client.ApplyAsync(cluster.ToSpec(), UntilLoadBalancers, recorder, cancellationToken);
    }

    public async Task<ApplyResult> SyncAsync(string name = ClusterName) => await Client.SyncAsync(name, UntilLoadBalancers, new Recorder(this, null), default);

    public Task<Plan> PlanAsync(CloudClusterSpecs cluster) => Client.PlanAsync(cluster.ToSpec(), UntilLoadBalancers.Plan, default);

    public async Task<ClusterState> StateAsync(string name = ClusterName) =>
        await Client.Store.LoadAsync(name, default) ?? throw new InvalidOperationException($"cluster {name} has no state");

    /// <summary>The lab host behind a node's VM.</summary>
    public LabHost HostOf(string node, string cluster = ClusterName) => Machines.Hosts[cluster + "-" + node];

    public void After(int previous)
    {
        if (passed < previous) throw new InvalidOperationException($"cloud scenario {previous} did not pass, so this scenario cannot run on its cluster");
    }

    public void Passed(int scenario) => passed = scenario;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (doubles != null) await doubles.DisposeAsync();
    }

    /// <summary>Keeps every event for the secret scan and passes it on.</summary>
    private sealed class Recorder : IProgress<EngineEvent>
    {
        private readonly CloudLab lab;
        private readonly IProgress<EngineEvent>? next;

        public Recorder(CloudLab lab, IProgress<EngineEvent>? next)
        {
            this.lab = lab;
            this.next = next;
        }

        public void Report(EngineEvent value)
        {
            lock (lab.Console) lab.Console.Add(value);
            next?.Report(value);
        }
    }
}
