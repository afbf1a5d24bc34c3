using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Providers.Tests.Clusters;

/// <summary>
/// The shipped hybrid example — as shipped: 2 + 2 Azure VMs in two subscriptions with different service principals,
/// an AWS VM, 2 Hetzner load-balancer VMs and an own machine, 8 nodes — through MultiCloudClient and the real SDKs
/// against the ARM/Entra, EC2, Hetzner and Cloudflare doubles, up to the infrastructure layer (no machine behind the
/// VMs: <see cref="PinnedKeyShell"/> answers SSH with the host key each VM's user data installs). What every cloud
/// holds is compared by name with <see cref="HybridHoldings.Expected"/> after crashes, failures, scaling and destroy.
/// </summary>
public sealed class HybridClusterTests : IAsyncLifetime
{
    private const string Cluster = "hybrid";
    private const string OwnMachine = "192.0.2.10";
    private static readonly ApplyOptions UntilInfrastructure = new() { Plan = new PlanOptions { Until = ClusterLayer.Infrastructure } };
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mc-hybrid-cluster-" + Guid.NewGuid().ToString("N").Substring(0, 8));
    private readonly AddressOnlyMachineBackend machines = new();
    private readonly RecordingLog log = new();
    private readonly List<string> printed = new();
    private HybridDoubles hybrid = null!;
    private PinnedKeyShell shell = null!;
    private MultiCloudClient client = null!;

    public async Task InitializeAsync()
    {
        hybrid = await HybridDoubles.StartAsync(folder, machines);
        shell = new PinnedKeyShell(machines);
        shell.OwnMachines[OwnMachine] = HostKeyPair.Generate().PublicKey;
        client = new MultiCloudClient(new MultiCloudClientOptions
        {
            StateDirectory = Path.Combine(folder, "state"),
            Credentials = hybrid.Credentials,
            Log = log,
            Cloud = new CloudOptions { MachineReadyInterval = TimeSpan.FromMilliseconds(20), MachineReadyTimeout = TimeSpan.FromSeconds(20) },
            Composition = hybrid.Doubles.Compose(EngineComposition.Default) with { RemoteShell = _ => shell },
        });
    }

    public async Task DisposeAsync()
    {
        await hybrid.DisposeAsync();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>The shipped example; the own machine is logged in to with the cluster's key (its own key file is not on this machine).</summary>
    private ClusterSpec Example() => hybrid.Adapt(client.LoadExample("hybrid").Single(), pool => pool is StaticNodePoolSpec own
        ? own with { Nodes = own.Nodes.Select(node => node with { PrivateKey = null, HostKeyFingerprint = null }).ToList() }
        : pool);

    private async Task<ApplyResult> ApplyAsync(ClusterSpec spec, CancelAtStep? progress = null, CancellationToken cancellationToken = default)
    {
        var events = new Progress(printed, progress);
        try
        {
            return await client.ApplyAsync(spec, UntilInfrastructure, events, progress?.Cancellation.Token ?? cancellationToken);
        }
        catch (MultiCloudException e)
        {
            lock (printed) printed.Add(e.ToString());
            throw;
        }
    }

    private async Task<ClusterState> StateAsync() => (await client.Store.LoadAsync(Cluster, default))!;

    private IReadOnlyList<string> Holdings(ClusterState state) => HybridHoldings.Of(hybrid, state.Id!);

    private int Created(string api, string operation, int status) =>
        hybrid.Ledger.Calls.Count(c => c.Api == api && c.Operation == operation && c.Status == status);

    [Fact]
    public async Task Apply_KilledAtEveryInfrastructureStepBoundaryInTurn_HoldsExactlyTheExampleResourcesInEveryCloud()
    {
        var spec = Example();
        var stops = new List<string>();
        for (var run = 0; run < 30 && stops.Count == run; run++)
        {
            var progress = new CancelAtStep(e => true);
            try
            {
                await ApplyAsync(spec, progress);
            }
            catch (MultiCloudException e) when (e.ErrorId == ErrorIds.OperationCanceled)
            {
                stops.Add(progress.StoppedAfter!);
            }
        }

        var state = await StateAsync();
        // A kill after the last step finds the run done: there is no boundary left to stop at.
        Assert.Equal(new[]
        {
            "infra/control-az/ensure-network", "infra/control-az/create-vms", "infra/onprem/register-nodes",
            "infra/compute-aws/ensure-network", "infra/compute-aws/create-vms", "infra/compute-az/ensure-network", "infra/compute-az/create-vms",
            "infra/lb-hetzner/ensure-network", "infra/lb-hetzner/create-vms",
        }, stops);
        Assert.Equal(HybridHoldings.Expected(Cluster, state.Nodes.Select(n => n.Name)), Holdings(state));
        Assert.Equal(new[] { "compute-aws-1", "compute-az-1", "compute-az-2", "control-az-1", "control-az-2", "lb-hetzner-1", "lb-hetzner-2", "onprem-cp1" },
            state.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal));
        // Each machine was made once: no create was repeated by a resumed run.
        Assert.Equal(4, Created("arm", "PUT virtualMachines", 201));
        Assert.Equal(1, Created("ec2", "RunInstances", 200));
        Assert.Equal(2, Created("hetzner", "POST /servers", 201));
        Assert.True((await client.PlanAsync(spec, UntilInfrastructure.Plan, default)).IsEmpty);
        AssertNoSecretPrintedOrStored();
    }

    [Fact]
    public async Task Destroy_HybridKilledAfterTheFirstSubscriptionsMachines_DeletesEverythingInEveryCloudAndTheState()
    {
        var progress = new CancelAtStep(e => e.TaskId == "infra/control-az" && e.StepName == "create-vms");
        await Assert.ThrowsAsync<MultiCloudException>(() => ApplyAsync(Example(), progress));
        var state = await StateAsync();
        Assert.Contains(hybrid.Ledger.OwnedBy(state.Id!), r => r.Type == "Microsoft.Compute/virtualMachines");

        await client.DestroyAsync(Cluster, null, null, default);

        Assert.Empty(hybrid.Ledger.OwnedBy(state.Id!));
        Assert.Empty(Holdings(state));
        Assert.Null(await client.Store.LoadAsync(Cluster, default));
        AssertNoSecretPrintedOrStored();
    }

    [Fact]
    public async Task Apply_ScaleUpThenAzureDownAndRemoveTheAwsPool_HoldsExactlyTheResourcesOfTheNodesLeft()
    {
        var example = Example();
        // Two AWS machines of one zone made at once share one subnet (made once).
        await ApplyAsync(SpecEdits.SetNodePoolSize(SpecEdits.SetNodePoolSize(example, "compute-az", 3, null), "compute-aws", 2, null));
        var three = await StateAsync();
        Assert.Equal(HybridHoldings.Expected(Cluster, three.Nodes.Select(n => n.Name)), Holdings(three));
        Assert.Contains("compute-az-3", three.Nodes.Select(n => n.Name));
        Assert.Contains("compute-aws-2", three.Nodes.Select(n => n.Name));

        await ApplyAsync(SpecEdits.RemoveNodePool(SpecEdits.SetNodePoolSize(example, "compute-az", 1, null), "compute-aws"));

        var state = await StateAsync();
        Assert.Equal(new[] { "compute-az-1", "control-az-1", "control-az-2", "lb-hetzner-1", "lb-hetzner-2", "onprem-cp1" },
            state.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HybridHoldings.Expected(Cluster, state.Nodes.Select(n => n.Name)), Holdings(state));
        Assert.DoesNotContain(hybrid.Ledger.OwnedBy(state.Id!), r => r.Api == "ec2");
        // The NSG of the Azure pool that stays no longer lets WireGuard in from the removed nodes' addresses.
        var removed = three.Nodes.Where(n => n.Name is "compute-aws-1" or "compute-aws-2" or "compute-az-2" or "compute-az-3").Select(n => n.PublicAddress!).ToList();
        var rules = hybrid.Azure.Arm.Get($"/subscriptions/{HybridDoubles.Subscriptions[1]}/resourceGroups/hybrid-northeurope-rg/providers/Microsoft.Network/networkSecurityGroups/hybrid-compute-az-fw")!.ToJsonString();
        Assert.Contains(three.Nodes.Single(n => n.Name == "lb-hetzner-1").PublicAddress!, rules);
        Assert.All(removed, address => Assert.DoesNotContain(address, rules));
    }

    [Fact]
    public async Task Apply_ThrottledByArmAndEc2_RetriesWithBackoffAndCompletes()
    {
        hybrid.Doubles.Failures.FailNext("PUT virtualMachines", InjectedFailure.Throttled, 2);
        hybrid.Doubles.Failures.FailNext("RunInstances", InjectedFailure.Throttled, 2);

        await ApplyAsync(Example());

        var state = await StateAsync();
        Assert.Null(state.Journal);
        Assert.Equal(HybridHoldings.Expected(Cluster, state.Nodes.Select(n => n.Name)), Holdings(state));
        Assert.Equal(2, Created("arm", "PUT virtualMachines", 429));
        Assert.Equal(2, Created("ec2", "RunInstances", 503) + Created("ec2", "RunInstances", 429));
        Assert.Equal(1, Created("ec2", "RunInstances", 200));
    }

    [Fact]
    public async Task Apply_AzureCoreQuotaExceeded_StopsWithTheJournalAndTheRerunCompletesTaggingEveryDisk()
    {
        hybrid.Doubles.Failures.FailNext("PUT virtualMachines", InjectedFailure.QuotaExceeded);

        var error = await Assert.ThrowsAsync<CloudException>(() => ApplyAsync(Example()));
        var stopped = await StateAsync();
        await ApplyAsync(Example());

        Assert.Equal(ErrorIds.CloudQuotaExceeded, error.ErrorId);
        Assert.Equal("azure-weu", error.Provider);
        Assert.StartsWith(ErrorIds.CloudQuotaExceeded, stopped.Journal!.LastError);
        var state = await StateAsync();
        // The other VM of the step may have been made and stopped before its OS disk was tagged: the re-run tags it.
        Assert.Equal(HybridHoldings.Expected(Cluster, state.Nodes.Select(n => n.Name)), Holdings(state));
        AssertNoSecretPrintedOrStored();
    }

    [Fact]
    public async Task Apply_SecondSubscriptionsSecretRevoked_FailsCloudAuthenticationFailedNamingTheProviderAndMakesNothingThere()
    {
        hybrid.Secrets["azure-neu-client-secret"] = "neu-Secret~revoked000000000000";

        var error = await Assert.ThrowsAsync<CloudException>(() => ApplyAsync(Example()));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Contains("azure-neu", error.Message);
        Assert.DoesNotContain(hybrid.Ledger.Resources, r => r.Id.Contains(HybridDoubles.Subscriptions[1], StringComparison.Ordinal));
        AssertNoSecretPrintedOrStored();
    }

    /// <summary>
    /// No client secret, token, API key, Entra access token or line of a private host key the engine sent in user data is
    /// in any file of the state folder (but the cluster's own key file), the engine log, a progress message or an error.
    /// </summary>
    private void AssertNoSecretPrintedOrStored()
    {
        var secrets = hybrid.SecretValues.Concat(hybrid.Azure.Directory.Tokens.Keys)
            .Concat(machines.UserData.Values.SelectMany(UserDataKeys.PrivateKeyLines)).ToList();
        Assert.True(secrets.Count > hybrid.SecretValues.Count, "the check must look for tokens and host keys too");
        var files = Directory.GetFiles(Path.Combine(folder, "state"), "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("id_ed25519", StringComparison.Ordinal))
            .Select(f => (Where: f, Text: File.ReadAllText(f)));
        List<string> printedLines;
        lock (printed) printedLines = printed.ToList();
        var texts = files.Concat(log.Lines.Select(l => (Where: "log", Text: l))).Concat(printedLines.Select(l => (Where: "progress or error", Text: l)));
        foreach (var (where, text) in texts)
        {
            var leaked = secrets.FirstOrDefault(secret => text.Contains(secret, StringComparison.Ordinal));
            Assert.True(leaked is null, $"a secret is in {where}");
        }
    }

    /// <summary>Keeps every progress message (what a host prints) and passes events on to the kill switch.</summary>
    private sealed class Progress : IProgress<EngineEvent>
    {
        private readonly List<string> printed;
        private readonly CancelAtStep? next;

        public Progress(List<string> printed, CancelAtStep? next)
        {
            this.printed = printed;
            this.next = next;
        }

        public void Report(EngineEvent value)
        {
            lock (printed) printed.Add(value.Message);
            next?.Report(value);
        }
    }
}
