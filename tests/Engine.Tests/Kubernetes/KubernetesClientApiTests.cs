using System.Text.Json.Nodes;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.Kubernetes.Etcd;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Kubernetes;

/// <summary>The KubernetesClient-backed calls against a local HTTPS API server, with TLS verified against the test CA.</summary>
public sealed class KubernetesClientApiTests : IAsyncLifetime
{
    private static readonly KubernetesOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(5) };
    private LocalApiServer server = null!;

    public async Task InitializeAsync() => server = await LocalApiServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private IKubernetesApi Api(string? kubeconfig = null) => KubernetesClientApi.Connect(new KubernetesApiSetup(kubeconfig ?? server.Kubeconfig(), Fast, NullEngineLog.Instance));

    [Fact]
    public async Task WaitForNodeReadyAsync_NodeBecomesReady_Returns()
    {
        server.AddNode("w1", ready: "False");
        using var api = Api();
        var waiting = api.WaitForNodeReadyAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None);
        await Task.Delay(50);
        server.AddNode("w1", ready: "True");

        await waiting;

        Assert.True((await api.GetNodeReadinessAsync("w1", CancellationToken.None))!.Ready);
    }

    [Fact]
    public async Task WaitForNodeReadyAsync_NeverReady_ThrowsKubeletNotReadyNamingNodeAndCondition()
    {
        server.AddNode("w1", ready: "False", reason: "KubeletNotReady");
        using var api = Api();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => api.WaitForNodeReadyAsync("w1", TimeSpan.FromMilliseconds(50), CancellationToken.None));

        Assert.Equal(ErrorIds.KubeletNotReady, error.ErrorId);
        Assert.Equal("w1", error.Target);
        Assert.Contains("node w1 did not become Ready", error.Message);
        Assert.Contains("Ready=False (KubeletNotReady: kubelet says False)", error.Message);
        Assert.Contains("journalctl -u kubelet", error.Message);
    }

    [Fact]
    public async Task WaitForNodeReadyAsync_NodeNeverRegisters_SaysSo()
    {
        using var api = Api();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => api.WaitForNodeReadyAsync("ghost", TimeSpan.Zero, CancellationToken.None));

        Assert.Contains("its Node object never registered", error.Message);
    }

    [Fact]
    public async Task ApplyNodeMetadataAsync_MergePatchesOnlyManagedKeysAndKeepsForeignTaints()
    {
        server.AddNode("w1", taints: new JsonArray(
            new JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["effect"] = "NoSchedule" },
            new JsonObject { ["key"] = "old", ["value"] = "1", ["effect"] = "NoExecute" }));
        server.Nodes["w1"]["metadata"]!["labels"]!["stale"] = "x";
        server.Nodes["w1"]["metadata"]!["labels"]!["foreign"] = "keep";
        var desired = new NodeMetadataSpec(
            new Dictionary<string, string> { ["tier"] = "web" },
            new Dictionary<string, string> { ["note"] = "n" },
            new[] { new TaintSpec("dedicated", "db", TaintEffect.NoSchedule) });
        var previous = new ManagedMetadata { Labels = new[] { "stale", "tier" }, Taints = new[] { "old:NoExecute" } };
        using var api = Api();

        await api.ApplyNodeMetadataAsync("w1", desired, previous, CancellationToken.None);

        var node = server.Nodes["w1"];
        var labels = node["metadata"]!["labels"]!.AsObject();
        Assert.Equal("web", (string?)labels["tier"]);
        Assert.Equal("keep", (string?)labels["foreign"]);
        Assert.Equal("w1", (string?)labels["kubernetes.io/hostname"]);
        Assert.False(labels.ContainsKey("stale"));
        Assert.Equal("n", (string?)node["metadata"]!["annotations"]!["note"]);
        Assert.Equal(new[] { "node.kubernetes.io/not-ready:NoSchedule", "dedicated:NoSchedule" },
            node["spec"]!["taints"]!.AsArray().Select(t => (string)t!["key"]! + ":" + (string)t["effect"]!));
        var patch = server.Requests.Single(r => r.Method == "PATCH");
        Assert.StartsWith("application/merge-patch+json", patch.ContentType);
    }

    [Fact]
    public async Task ApplyNodeMetadataAsync_ConflictingWriter_ComputesThePatchAgain()
    {
        server.AddNode("w1");
        server.Conflicts["w1"] = 1;
        using var api = Api();

        await api.ApplyNodeMetadataAsync("w1", new NodeMetadataSpec(new Dictionary<string, string> { ["a"] = "b" }, new Dictionary<string, string>(), new TaintSpec[0]), null, CancellationToken.None);

        Assert.Equal(2, server.Requests.Count(r => r.Method == "PATCH"));
        Assert.Equal("b", (string?)server.Nodes["w1"]["metadata"]!["labels"]!["a"]);
    }

    [Fact]
    public async Task SetPodCidrAsync_EmptyThenSame_SetsOnceAndRefusesAnother()
    {
        server.AddNode("w1");
        using var api = Api();

        await api.SetPodCidrAsync("w1", "10.244.3.0/24", CancellationToken.None);
        await api.SetPodCidrAsync("w1", "10.244.3.0/24", CancellationToken.None);
        var error = await Assert.ThrowsAsync<MultiCloudException>(() => api.SetPodCidrAsync("w1", "10.244.4.0/24", CancellationToken.None));

        Assert.Equal("10.244.3.0/24", (string?)server.Nodes["w1"]["spec"]!["podCIDR"]);
        Assert.Equal("10.244.3.0/24", (string?)server.Nodes["w1"]["spec"]!["podCIDRs"]![0]);
        Assert.Single(server.Requests, r => r.Method == "PATCH");
        Assert.Equal(ErrorIds.KubernetesApiFailed, error.ErrorId);
        Assert.Contains("cannot change", error.Message);
    }

    [Fact]
    public async Task DrainAsync_PodHeldByABudgetForAWhile_CordonsRetriesAndSkipsDaemonSets()
    {
        server.AddNode("w1");
        server.AddPod("default", "web-1", "w1");
        server.AddPod("default", "db-1", "w1");
        server.AddPod("kube-system", "proxy-1", "w1", ownerKind: "DaemonSet");
        server.AddPod("default", "elsewhere", "w2");
        server.EvictionRefusals["default/db-1"] = 2;
        using var api = Api();

        await api.DrainAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(true, (bool?)server.Nodes["w1"]["spec"]!["unschedulable"]);
        Assert.Equal(new[] { "default/elsewhere", "kube-system/proxy-1" }, server.Pods.Keys.OrderBy(k => k));
        Assert.Equal(3, server.Requests.Count(r => r.Path.EndsWith("/db-1/eviction")));
        Assert.Contains(server.Requests, r => r.Path.StartsWith("/api/v1/pods?", StringComparison.Ordinal) && Uri.UnescapeDataString(r.Path).Contains("fieldSelector=spec.nodeName=w1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DrainAsync_BudgetNeverAllows_ThrowsDrainTimedOutNamingThePod()
    {
        server.AddNode("w1");
        server.AddPod("default", "db-1", "w1");
        server.EvictionRefusals["default/db-1"] = -1;
        using var api = Api();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => api.DrainAsync("w1", TimeSpan.FromMilliseconds(100), CancellationToken.None));

        Assert.Equal(ErrorIds.DrainTimedOut, error.ErrorId);
        Assert.Contains("default/db-1 a PodDisruptionBudget does not let go", error.Message);
        Assert.True(server.Pods.ContainsKey("default/db-1"));
    }

    [Fact]
    public async Task DrainAsync_NodeWithoutReadyKubelet_EvictsWithoutWaiting()
    {
        server.AddNode("w1", ready: "Unknown", reason: "NodeStatusUnknown");
        server.AddPod("default", "web-1", "w1");
        using var api = Api();

        await api.DrainAsync("w1", TimeSpan.FromMilliseconds(1), CancellationToken.None);

        Assert.False(server.Pods.ContainsKey("default/web-1"));
    }

    [Fact]
    public async Task DeleteNodeAsync_PresentThenGone_DeletesAndToleratesAbsence()
    {
        server.AddNode("w1");
        using var api = Api();

        await api.DeleteNodeAsync("w1", CancellationToken.None);
        await api.DeleteNodeAsync("w1", CancellationToken.None);
        await api.CordonAsync("w1", CancellationToken.None);

        Assert.Empty(server.Nodes);
    }

    [Fact]
    public async Task SyncStorageClassesAsync_CreatesChangesAndDeletesOnlyManagedClasses()
    {
        server.StorageClasses["longhorn"] = StorageClass("longhorn", managed: false, tag: null);
        server.StorageClasses["longhorn-gone"] = StorageClass("longhorn-gone", managed: true, tag: "gone");
        server.StorageClasses["longhorn-b"] = StorageClass("longhorn-b", managed: true, tag: "old");
        using var api = Api();

        await api.SyncStorageClassesAsync(new[] { new StorageClassSpec("longhorn-a", "a", 3), new StorageClassSpec("longhorn-b", "b", 2) }, CancellationToken.None);

        Assert.Equal(new[] { "longhorn", "longhorn-a", "longhorn-b" }, server.StorageClasses.Keys.OrderBy(k => k));
        var a = server.StorageClasses["longhorn-a"];
        Assert.Equal("driver.longhorn.io", (string?)a["provisioner"]);
        Assert.Equal("a", (string?)a["parameters"]!["nodeSelector"]);
        Assert.Equal("3", (string?)a["parameters"]!["numberOfReplicas"]);
        Assert.Equal("b", (string?)server.StorageClasses["longhorn-b"]["parameters"]!["nodeSelector"]);
        Assert.Equal("multicloud", (string?)a["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]);
    }

    [Fact]
    public async Task TagLonghornNodeAsync_NodeMissingThenPresent_ReportsAndTags()
    {
        using var api = Api();
        Assert.False(await api.TagLonghornNodeAsync("w1", new[] { "zone-a" }, CancellationToken.None));
        server.LonghornNodes["w1"] = new JsonObject { ["apiVersion"] = "longhorn.io/v1beta2", ["kind"] = "Node", ["metadata"] = new JsonObject { ["name"] = "w1" }, ["spec"] = new JsonObject() };

        Assert.True(await api.TagLonghornNodeAsync("w1", new[] { "zone-a" }, CancellationToken.None));

        Assert.Equal("zone-a", (string?)server.LonghornNodes["w1"]["spec"]!["tags"]![0]);
    }

    [Fact]
    public async Task AnyCall_ServerCertificateFromAnotherAuthority_FailsWithoutTalking()
    {
        var stranger = EtcdPki.NewAuthority("stranger");
        await using var impostor = await LocalApiServer.StartAsync(signer: stranger);
        impostor.AddNode("w1");
        using var api = KubernetesClientApi.Connect(new KubernetesApiSetup(impostor.Kubeconfig(), Fast, NullEngineLog.Instance));

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => api.GetNodeReadinessAsync("w1", CancellationToken.None));

        Assert.Equal(ErrorIds.KubernetesApiFailed, error.ErrorId);
        Assert.Empty(impostor.Requests);
    }

    [Fact]
    public async Task AnyCall_WrongCredentials_FailsNamingTheStatus()
    {
        using var api = Api(server.Kubeconfig(token: "wrong"));

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => api.GetNodeReadinessAsync("w1", CancellationToken.None));

        Assert.Equal(ErrorIds.KubernetesApiFailed, error.ErrorId);
        Assert.Contains("401", error.Message);
        Assert.DoesNotContain("wrong", error.Message);
    }

    private static JsonObject StorageClass(string name, bool managed, string? tag)
    {
        var labels = new JsonObject();
        if (managed) labels["app.kubernetes.io/managed-by"] = "multicloud";
        var parameters = new JsonObject { ["numberOfReplicas"] = "3", ["staleReplicaTimeout"] = "30" };
        if (tag != null) parameters["nodeSelector"] = tag;
        return new JsonObject
        {
            ["apiVersion"] = "storage.k8s.io/v1", ["kind"] = "StorageClass",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
            ["provisioner"] = "driver.longhorn.io", ["parameters"] = parameters,
        };
    }
}
