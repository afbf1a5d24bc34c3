using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes.Etcd;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Planning;
using MultiCloud.Engine.Tests.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Kubernetes;

/// <summary>
/// Whole applies of the Kubernetes layer through MultiCloudClient, with the machines and the API as test doubles:
/// what the run does in which order, what it records, and that the secrets it makes reach nothing it leaves behind.
/// </summary>
public sealed class KubernetesApplyTests : IDisposable
{
    private static readonly Regex Token = new(@"\b[a-z0-9]{6}\.[a-z0-9]{16}\b");
    private static readonly Regex HexKey = new(@"(?:certificateKey: ""|--certificate-key '|MC_WRAP=')([0-9a-f]{64})");
    private static readonly Regex PrivateKey = new(@"-----BEGIN PRIVATE KEY-----[^-]+-----END PRIVATE KEY-----");

    private readonly TemporaryFolder folder = new();
    private readonly RecordingKubernetesApi api = new();
    private readonly ConcurrentQueue<EngineEvent> events = new();
    private readonly ConcurrentQueue<string> log = new();
    private readonly SimulatedNodes nodes = new(EtcdPki.NewAuthority("cluster-ca").CertificatePem);

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task ApplyAsync_StaticCluster_BuildsKubernetesInOrderAndRecordsEveryNode()
    {
        var result = await ApplyAsync();

        var state = result.State!;
        Assert.All(state.Nodes.Where(n => n.Role != Model.NodeRole.LoadBalancer), n => Assert.True(n.Joined && n.KubernetesPrepared && n.ManagedMetadata != null, n.Name));
        Assert.True(state.Nodes.Single(n => n.Name == "control-1").EtcdMember);
        Assert.Equal(new[] { "10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24" }, state.Nodes.Select(n => n.PodCidr).OfType<string>().OrderBy(c => c));
        Assert.Equal(new[] { "pod-cidr control-1 10.244.0.0/24", "pod-cidr workers-1 10.244.1.0/24", "pod-cidr workers-2 10.244.2.0/24" },
            api.Calls.Where(c => c.StartsWith("pod-cidr", StringComparison.Ordinal)).OrderBy(c => c));
        Assert.Contains("storage-classes longhorn-workers:workers:2", api.Calls);
        var kubeconfig = Assert.Single(api.Kubeconfigs);
        Assert.Contains("server: https://192.168.10.5:6443", kubeconfig);
        var order = nodes.Scripts.Select(s => s.Description).ToList();
        Assert.True(order.IndexOf("install and start etcd") < order.IndexOf("kubeadm init"));
        Assert.True(order.IndexOf("kubeadm init") < order.IndexOf("kubeadm join"));
        Assert.True(Planner.Create(ClusterSpecs.Static(), state).IsEmpty);
    }

    [Fact]
    public async Task ApplyAsync_EverySecretTheRunMakes_IsRedactedBeforeSendingAndFoundNowhereItLeaves()
    {
        await ApplyAsync();

        var secrets = nodes.Scripts.SelectMany(s => SecretsIn(s.Script)).Distinct().ToList();
        Assert.Contains(secrets, s => Token.IsMatch(s));
        Assert.Contains(secrets, s => s.StartsWith("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal));
        Assert.True(secrets.Count(s => s.Length == 64) >= 2, "the certificate key and the passphrase of the admin.conf read");
        foreach (var (node, description, script, redactedBefore) in nodes.Scripts)
            foreach (var secret in SecretsIn(script))
                Assert.True(redactedBefore.Contains(secret), $"a secret in '{description}' on {node} was sent before it was registered for redaction");

        var leftBehind = new List<(string Where, string Text)>();
        foreach (var file in Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories))
            leftBehind.Add((file, File.ReadAllText(file)));
        leftBehind.AddRange(events.Select(e => ("event", e.Message + " " + e.Error?.Message)));
        leftBehind.AddRange(log.Select(line => ("log", line)));
        leftBehind.AddRange(nodes.Outputs.Select(output => ("output", output)));
        Assert.Contains(leftBehind, t => t.Text.Contains(MultiCloud.Engine.Remote.SecretRedactor.Marker));
        foreach (var secret in secrets.Append("QURNSU4tS0VZ"))
            foreach (var (where, text) in leftBehind)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret ({secret.Substring(0, 12)}…) is in {where}");
    }

    [Fact]
    public async Task ApplyAsync_KubeletNeverReady_StopsNamingTheNodeAndResumesTheJoin()
    {
        var failing = new RecordingKubernetesApi { NeverReadyReason = "Ready=False (KubeletNotReady: container runtime network not ready)" };

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => ApplyAsync(failing));

        Assert.Equal(ErrorIds.KubeletNotReady, error.ErrorId);
        Assert.Equal("control-1", error.Target);
        var state = (await new LocalStateStore(folder.Path).LoadAsync("onprem"))!;
        Assert.False(state.Nodes.Single(n => n.Name == "control-1").Joined);
        Assert.Contains("kubernetes/init", PlanSummary.TaskIds(Planner.Create(ClusterSpecs.Static(), state)));

        var resumed = await ApplyAsync();

        Assert.True(resumed.State!.Nodes.Where(n => n.Role != Model.NodeRole.LoadBalancer).All(n => n.Joined));
    }

    [Fact]
    public async Task ApplyAsync_KubeadmConfigRejectedByValidate_StopsNamingTheNodeWithKubeadmsWordsAndResumesTheJoin()
    {
        const string Kubeadm = "strict decoding error: unknown field \"nodeRegistration.kubeletExtraArg\"";
        nodes.RejectedKubeadmConfig["workers-2"] = Kubeadm;

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => ApplyAsync());

        Assert.Equal(ErrorIds.ConfigValidationFailed, error.ErrorId);
        Assert.Equal("workers-2", error.Target);
        Assert.Contains("node workers-2", error.Message);
        Assert.Contains(Kubeadm, error.Message);
        var state = (await new LocalStateStore(folder.Path).LoadAsync("onprem"))!;
        Assert.False(state.Nodes.Single(n => n.Name == "workers-2").Joined);

        nodes.RejectedKubeadmConfig.Clear();
        var resumed = await ApplyAsync();

        Assert.True(resumed.State!.Nodes.Single(n => n.Name == "workers-2").Joined);
    }

    [Fact]
    public async Task ApplyAsync_WorkerWithLeftoversOfACutJoin_SaysItWasResetBeforeJoiningAgain()
    {
        nodes.HalfJoined.Add("workers-1");

        var result = await ApplyAsync();

        Assert.True(result.State!.Nodes.Single(n => n.Name == "workers-1").Joined);
        Assert.Contains("Warning workers-1: a kubeadm join that stopped part way had left files behind; they were removed with kubeadm reset -f before kubeadm join ran again", log);
        Assert.DoesNotContain(log, line => line.StartsWith("Warning workers-2:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_LockLeftByAKilledRun_RefusedAsStaleBeforeAnyHostIsContactedAndNothingWritten()
    {
        await ApplyAsync();
        var store = new LocalStateStore(folder.Path);
        var before = (await store.LoadAsync("onprem"))!;
        // What a SIGKILLed run leaves: its lock, naming a process that no longer runs on this host.
        await new LocalStateStore(folder.Path, operation => new LockHolder(operation, int.MaxValue, Environment.MachineName, "ci", DateTimeOffset.UtcNow))
            .AcquireLockAsync("onprem", "apply");
        var scriptsBefore = nodes.Scripts.Count;
        var bigger = ClusterSpecs.Static().WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.21", "192.168.10.22", "192.168.10.23"));

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => ApplyAsync(spec: bigger));

        Assert.Equal(ErrorIds.StateLocked, error.ErrorId);
        Assert.Contains("The lock looks stale", error.Message);
        Assert.Contains("multicloud unlock onprem", error.Message);
        Assert.Equal(scriptsBefore, nodes.Scripts.Count);
        Assert.Equal(before.Serial, (await store.LoadAsync("onprem"))!.Serial);
        Assert.True(File.Exists(Path.Combine(folder.Path, "onprem", "lock.json")), "the lock stays until someone unlocks it");
        // What the hosts call: a run is planned (and its hosts refreshed) only once the lock is known to be free.
        var client = Client();
        foreach (var planning in new Func<Task>[]
        {
            () => client.PlanApplyAsync(bigger, null, CancellationToken.None),
            () => client.PlanSyncAsync("onprem", null, CancellationToken.None),
            () => client.PlanEditAsync("onprem", spec => spec, "edit", null, CancellationToken.None),
            () => client.PlanDeleteAsync("onprem", CancellationToken.None),
        })
        {
            Assert.Equal(ErrorIds.StateLocked, (await Assert.ThrowsAsync<MultiCloudException>(planning)).ErrorId);
        }
        Assert.Equal(scriptsBefore, nodes.Scripts.Count);
        // A plan alone takes no lock and never waits for one.
        Assert.NotNull(await client.PlanAsync(bigger, null, CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_RemovingAWorkerWhoseMachineIsGone_RemovesItWithoutItsCooperationAndWarns()
    {
        await ApplyAsync();
        var smaller = ClusterSpecs.Static().WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.22"));
        var unreachable = new[] { "workers-1" };

        var result = await ApplyAsync(spec: smaller, unreachable: unreachable);

        Assert.DoesNotContain(result.State!.Nodes, n => n.Name == "workers-1");
        Assert.Contains("drain workers-1 300s", api.Calls);
        Assert.Contains("delete workers-1", api.Calls);
        Assert.Contains(log, line => line.StartsWith("Warning workers-1 could not be reached, so kubeadm reset", StringComparison.Ordinal));
        Assert.Contains(log, line => line.StartsWith("Warning workers-1 could not be reached, so MultiCloud's WireGuard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_OneWorkerAdded_TouchesThatWorkerOncePerStepAndEveryOtherNodeAtMostForItsMeshAndTheJoin()
    {
        await ApplyAsync();
        var bigger = ClusterSpecs.Static().WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.21", "192.168.10.22", "192.168.10.23"));
        api.Calls.Clear();

        var result = await ApplyAsync(spec: bigger);

        // The new worker: preparation, mesh key, mesh config, Kubernetes preparation, kubeadm join (the API does not list it, so no probe).
        // It is not in the state yet, so the refresh before planning does not read it.
        Assert.Equal(5, result.RoundTrips["workers-3"]);
        // control-1: the refresh, its mesh push, the admin kubeconfig read once per run, the bootstrap token.
        Assert.Equal(4, result.RoundTrips["control-1"]);
        Assert.Equal(2, result.RoundTrips["workers-1"]);
        Assert.Equal(2, result.RoundTrips["lb-1"]);
        Assert.Equal(new[] { "get workers-3", "wait-ready workers-3", "pod-cidr workers-3 10.244.3.0/24", "metadata workers-3 removing ", "longhorn-tags workers-3 workers" },
            api.Calls);
        var again = await ApplyAsync(spec: bigger);
        Assert.True(again.Plan.IsEmpty);
        Assert.All(again.RoundTrips, trips => Assert.Equal(1, trips.Value));
        Assert.Equal(again.State!.Nodes.Select(n => n.Name).OrderBy(n => n, StringComparer.Ordinal), again.RoundTrips.Keys);
    }

    [Fact]
    public async Task ApplyAsync_LabelDroppedFromAPool_RemovesOnlyThatKeyFromItsNodes()
    {
        var labelled = ClusterSpecs.Static().WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.21", "192.168.10.22") with
        {
            Labels = new Dictionary<string, string> { ["tier"] = "web", ["site"] = "basement" },
        });
        await ApplyAsync(spec: labelled);
        api.Calls.Clear();

        await ApplyAsync(spec: labelled.WithPool(labelled.Pool<Model.StaticNodePoolSpec>("workers") with { Labels = new Dictionary<string, string> { ["site"] = "basement" } }));

        Assert.Equal(new[] { "metadata workers-1 removing tier", "metadata workers-2 removing tier" }, api.Calls.Where(c => c.StartsWith("metadata", StringComparison.Ordinal)).OrderBy(c => c));
        Assert.DoesNotContain(api.Calls, c => c.Contains("control-1", StringComparison.Ordinal));
    }

    private async Task<ApplyResult> ApplyAsync(RecordingKubernetesApi? withApi = null, Model.ClusterSpec? spec = null, string[]? unreachable = null) =>
        await Client(withApi, unreachable).ApplyAsync(spec ?? ClusterSpecs.Static(), null, new Progress(events), CancellationToken.None);

    private MultiCloudClient Client(RecordingKubernetesApi? withApi = null, string[]? unreachable = null)
    {
        var chosen = withApi ?? api;
        var composition = EngineComposition.Default with
        {
            RemoteShell = setup =>
            {
                foreach (var name in unreachable ?? Array.Empty<string>()) nodes.Unreachable.Add(name);
                return nodes.StartRun(setup.RunLogPath);
            },
            KubernetesApi = chosen.Connect,
        };
        return new MultiCloudClient(new LocalStateStore(folder.Path), new MultiCloudClientOptions { Composition = composition, Log = new ListLog(log) });
    }

    private static IEnumerable<string> SecretsIn(string script) =>
        Token.Matches(script).Select(m => m.Value)
            .Concat(HexKey.Matches(script).Select(m => m.Groups[1].Value))
            .Concat(PrivateKey.Matches(script).Select(m => m.Value.Trim()));

    private sealed class Progress(ConcurrentQueue<EngineEvent> events) : IProgress<EngineEvent>
    {
        public void Report(EngineEvent value) => events.Enqueue(value);
    }

    private sealed class ListLog(ConcurrentQueue<string> lines) : IEngineLog
    {
        public void Write(LogLevel level, string message) => lines.Enqueue(level + " " + message);
    }
}
