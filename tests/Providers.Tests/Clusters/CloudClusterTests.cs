using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Providers.Tests.Clusters;

/// <summary>
/// The engine's cloud layer end to end through MultiCloudClient, the real Hetzner and Cloudflare clients and their API
/// doubles, up to the infrastructure layer (machines have addresses only; the lab tests go on to the load balancers).
/// </summary>
public sealed class CloudClusterTests : IAsyncLifetime
{
    private static readonly ApplyOptions UntilInfrastructure = new() { Plan = new PlanOptions { Until = ClusterLayer.Infrastructure } };
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mc-cloud-cluster-" + Guid.NewGuid().ToString("N").Substring(0, 8));
    private readonly AddressOnlyMachineBackend machines = new();
    private readonly RecordingLog log = new();
    private DoublesEnvironment doubles = null!;
    private PinnedKeyShell shell = null!;
    private MultiCloudClient client = null!;

    public async Task InitializeAsync()
    {
        doubles = await DoublesEnvironment.StartAsync(Path.Combine(folder, "ca"), machines);
        shell = new PinnedKeyShell(machines);
        client = new MultiCloudClient(new MultiCloudClientOptions
        {
            StateDirectory = Path.Combine(folder, "state"),
            Credentials = doubles.Credentials,
            Log = log,
            Cloud = new CloudOptions { MachineReadyInterval = TimeSpan.FromMilliseconds(20), MachineReadyTimeout = TimeSpan.FromSeconds(20) },
            Composition = doubles.Compose(EngineComposition.Default) with { RemoteShell = _ => shell },
        });
    }

    public async Task DisposeAsync()
    {
        await doubles.DisposeAsync();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private CloudClusterSpecs Cluster(string name = "cloudy") => CloudClusterSpecs.On(doubles, name);

    private Task<ApplyResult> ApplyAsync(CloudClusterSpecs cluster, IProgress<MultiCloud.Engine.Execution.EngineEvent>? progress = null, CancellationToken cancellationToken = default) =>
        client.ApplyAsync(cluster.ToSpec(), UntilInfrastructure, progress, cancellationToken);

    private async Task<ClusterState> StateAsync(string name = "cloudy") => (await client.Store.LoadAsync(name, default))!;

    private static IReadOnlyList<string> Expected(ClusterState state, params string[] nodes) =>
        nodes.Select(node => "server " + state.Name + "-" + node)
            .Concat(nodes.Select(node => node.Substring(0, node.LastIndexOf('-'))).Distinct().Select(pool => "firewall " + state.Name + "-" + pool + "-fw"))
            .Append("ssh_key " + state.Name + "-ssh")
            .OrderBy(line => line, StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Apply_KilledAtEveryInfrastructureStepBoundaryInTurn_CompletesWithExactlyTheExpectedResources()
    {
        var cluster = Cluster();
        var stops = new List<string>();
        for (var run = 0; run < 20; run++)
        {
            var progress = new CancelAtStep(e => true);
            try
            {
                await ApplyAsync(cluster, progress, progress.Cancellation.Token);
                break;
            }
            catch (MultiCloudException e) when (e.ErrorId == ErrorIds.OperationCanceled)
            {
                stops.Add(progress.StoppedAfter!);
            }
        }

        var state = await StateAsync();
        // A kill after the last step finds the run done: there is no boundary left to stop at.
        Assert.Equal(new[] { "infra/control/ensure-network", "infra/control/create-vms", "infra/lb/ensure-network", "infra/lb/create-vms" }, stops);
        Assert.Equal(Expected(state, "control-1", "lb-1", "lb-2"), doubles.Holdings(state.Id!));
        Assert.Equal(3, machines.UserData.Count);
        Assert.All(state.Nodes, node => Assert.NotNull(node.PublicAddress));
        Assert.True((await client.PlanAsync(cluster.ToSpec(), UntilInfrastructure.Plan, default)).IsEmpty);
    }

    [Fact]
    public async Task Apply_KilledAfterTheCloudMadeAMachineButBeforeItsAnswer_FindsItAgainWithoutADuplicate()
    {
        var cluster = Cluster();
        using var crash = new CancellationTokenSource();
        doubles.Hetzner.Project.AfterServerCreated = server =>
        {
            if (server.Name == "cloudy-lb-1") crash.Cancel();
            return Task.CompletedTask;
        };
        await Assert.ThrowsAnyAsync<Exception>(() => ApplyAsync(cluster, null, crash.Token));
        doubles.Hetzner.Project.AfterServerCreated = null;
        var stopped = await StateAsync();

        await ApplyAsync(cluster);

        var state = await StateAsync();
        Assert.Contains(stopped.Nodes, node => node.Name == "lb-1" && node.PublicAddress is null && node.SshHostKey != null);
        Assert.Equal(Expected(state, "control-1", "lb-1", "lb-2"), doubles.Holdings(state.Id!));
        Assert.Equal(3, doubles.Ledger.Calls.Count(c => c.Operation == "POST /servers" && c.Status == 201));
        Assert.Equal(3, machines.UserData.Count);
        Assert.Equal(stopped.Nodes.Single(n => n.Name == "lb-1").SshHostKey, state.Nodes.Single(n => n.Name == "lb-1").SshHostKey);
    }

    [Fact]
    public async Task Destroy_HalfBuiltCluster_DeletesEverythingFoundByTagAndTheState()
    {
        var cluster = Cluster() with { Extra = 1 };
        var progress = new CancelAtStep(e => e.TaskId == "infra/lb" && e.StepName == "create-vms");
        await Assert.ThrowsAsync<MultiCloudException>(() => ApplyAsync(cluster, progress, progress.Cancellation.Token));
        var id = (await StateAsync()).Id!;
        Assert.NotEmpty(doubles.Holdings(id));

        await client.DestroyAsync("cloudy", null, null, default);

        Assert.Empty(doubles.Holdings(id));
        Assert.Empty(doubles.Ledger.OwnedBy(id));
        Assert.Null(await client.Store.LoadAsync("cloudy", default));
    }

    [Fact]
    public async Task Destroy_StateLostAMachine_StillDeletesItByTag()
    {
        await ApplyAsync(Cluster());
        var state = await StateAsync();
        var lease = await client.Store.AcquireLockAsync("cloudy", "test: lose a state write", default);
        await client.Store.SaveAsync(lease, state with { Nodes = state.Nodes.Where(n => n.Name != "lb-2").ToList() }, default);
        await lease.DisposeAsync();

        await client.DestroyAsync("cloudy", null, null, default);

        Assert.Empty(doubles.Ledger.OwnedBy(state.Id!));
    }

    [Fact]
    public async Task Apply_ScaleDownAndRemoveAPoolInAnotherRegion_DeletesTheirMachinesAndTheEmptyRegionsNetwork()
    {
        await ApplyAsync(Cluster() with { Extra = 2, LoadBalancers = 3 });

        await ApplyAsync(Cluster() with { Extra = 0, LoadBalancers = 2 });

        var state = await StateAsync();
        Assert.Equal(Expected(state, "control-1", "lb-1", "lb-2"), doubles.Holdings(state.Id!));
        var lbRules = doubles.Hetzner.Project.Firewalls.Single(f => f.Name == "cloudy-lb-fw").Rules.ToJsonString();
        Assert.Equal(3, state.Nodes.Count);
        Assert.All(state.Nodes, node => Assert.Contains(node.PublicAddress + "/32", lbRules));
        Assert.DoesNotContain(doubles.Hetzner.Project.Servers, s => s.Name.Contains("extra"));
    }

    [Fact]
    public async Task Apply_QuotaExceededOnTheSecondMachine_StopsConsistentlyAndTheRerunCompletes()
    {
        var cluster = Cluster();
        doubles.Failures.FailNext("POST /servers", InjectedFailure.QuotaExceeded);

        var error = await Assert.ThrowsAsync<CloudException>(() => ApplyAsync(cluster));
        var stopped = await StateAsync();
        await ApplyAsync(cluster);

        Assert.Equal(ErrorIds.CloudQuotaExceeded, error.ErrorId);
        Assert.StartsWith(ErrorIds.CloudQuotaExceeded, stopped.Journal!.LastError);
        var state = await StateAsync();
        Assert.Equal(Expected(state, "control-1", "lb-1", "lb-2"), doubles.Holdings(state.Id!));
    }

    [Fact]
    public async Task Apply_RevokedToken_FailsCloudAuthenticationFailedAndCreatesNothing()
    {
        var cluster = Cluster() with { Hetzner = doubles.HetznerProvider("WRONG_HCLOUD_TOKEN") };

        var error = await Assert.ThrowsAsync<CloudException>(() => ApplyAsync(cluster));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Empty(doubles.Ledger.Resources);
        Assert.Empty(machines.UserData);
    }

    [Fact]
    public async Task Apply_UnknownServerType_FailsNamingTheFieldAndTheFixedManifestApplies()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() => ApplyAsync(Cluster() with { Extra = 1, ExtraServerType = "cx999" }));

        Assert.Equal(ErrorIds.CloudNotFound, error.ErrorId);
        Assert.Contains("server type 'cx999' does not exist", error.Message);
        Assert.Contains("field serverType of node pool extra", error.Message);
        await ApplyAsync(Cluster() with { Extra = 1 });
        var state = await StateAsync();
        Assert.Equal(Expected(state, "control-1", "extra-1", "lb-1", "lb-2"), doubles.Holdings(state.Id!));
    }

    [Fact]
    public async Task Apply_Finished_LeavesNoTokenNorPrivateHostKeyInTheClusterFolderOrLog()
    {
        await ApplyAsync(Cluster());

        var secrets = new[] { DoublesEnvironment.HetznerToken, DoublesEnvironment.CloudflareToken }
            .Concat(machines.UserData.Values.SelectMany(UserDataKeys.PrivateKeyLines)).ToList();
        var files = Directory.GetFiles(Path.Combine(folder, "state"), "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("id_ed25519", StringComparison.Ordinal));
        foreach (var file in files)
            Assert.DoesNotContain(secrets, secret => File.ReadAllText(file).Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal)));
        Assert.False(Directory.Exists(HostKeyFiles.Folder(client.Store.GetClusterDirectory("cloudy"))));
    }
}
