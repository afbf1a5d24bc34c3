using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MultiCloud.KubeDoubles.Tests.Infrastructure;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.KubeDoubles.Tests;

/// <summary>KubernetesClient 21.0.8 (the engine's client) against the API server double.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class KubernetesClientTests
{
    private readonly LocalCluster cluster;

    public KubernetesClientTests(LocalCluster cluster) => this.cluster = cluster;

    private static async Task<HttpStatusCode> StatusOf(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        return error.Response.StatusCode;
    }

    [LabFact]
    public async Task ReplaceNode_StaleResourceVersion_Conflicts()
    {
        using var client = cluster.Client();
        var node = await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "rv-node" } });
        var stale = await client.CoreV1.ReadNodeAsync("rv-node");
        node.Metadata.Labels = new Dictionary<string, string> { ["x"] = "1" };
        await client.CoreV1.ReplaceNodeAsync(node, "rv-node");
        stale.Metadata.Labels = new Dictionary<string, string> { ["x"] = "2" };
        Assert.Equal(HttpStatusCode.Conflict, await StatusOf(() => client.CoreV1.ReplaceNodeAsync(stale, "rv-node")));
        await client.CoreV1.DeleteNodeAsync("rv-node");
    }

    [LabFact]
    public async Task Evict_BudgetAllowsNoDisruption_TooManyRequests()
    {
        using var client = cluster.Client();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "evict" } });
        var labels = new Dictionary<string, string> { ["app"] = "db" };
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "db-0", Labels = labels },
            Spec = new V1PodSpec { Containers = new List<V1Container> { new() { Name = "db", Image = "postgres" } } },
        }, "evict");
        await client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(new V1PodDisruptionBudget
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = new V1LabelSelector { MatchLabels = labels } },
        }, "evict");
        var eviction = new V1Eviction { Metadata = new V1ObjectMeta { Name = "db-0", NamespaceProperty = "evict" } };
        Assert.Equal((HttpStatusCode)429, await StatusOf(() => client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, "db-0", "evict")));
        await client.PolicyV1.DeleteNamespacedPodDisruptionBudgetAsync("db", "evict");
        await client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, "db-0", "evict");
        Assert.Empty((await client.CoreV1.ListNamespacedPodAsync("evict")).Items);
        await client.CoreV1.DeleteNamespaceAsync("evict");
    }

    [LabFact]
    public async Task PatchStorageClass_Parameters_AreImmutable()
    {
        using var client = cluster.Client();
        await client.StorageV1.CreateStorageClassAsync(new V1StorageClass
        {
            Metadata = new V1ObjectMeta { Name = "longhorn-zone-a" }, Provisioner = "driver.longhorn.io",
            Parameters = new Dictionary<string, string> { ["nodeSelector"] = "zone-a" },
        });
        var patch = new V1Patch("{\"parameters\":{\"nodeSelector\":\"zone-b\"}}", V1Patch.PatchType.MergePatch);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await StatusOf(() => client.StorageV1.PatchStorageClassAsync(patch, "longhorn-zone-a")));
        await client.StorageV1.DeleteStorageClassAsync("longhorn-zone-a");
    }

    [LabFact]
    public async Task PatchNode_LabelsAndTaints_MergePatchChangesOnlyThose()
    {
        using var client = cluster.Client();
        var patch = new V1Patch("{\"metadata\":{\"labels\":{\"multicloud.io/pool\":\"control\"}},\"spec\":{\"taints\":[{\"key\":\"dedicated\",\"value\":\"db\",\"effect\":\"NoSchedule\"}]}}", V1Patch.PatchType.MergePatch);
        var node = await client.CoreV1.PatchNodeAsync(patch, "control-1");
        Assert.Equal("control", node.Metadata.Labels["multicloud.io/pool"]);
        Assert.Equal("control-1", node.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Contains(node.Spec.Taints, t => t.Key == "dedicated" && t.Effect == "NoSchedule");
        var undo = new V1Patch("{\"metadata\":{\"labels\":{\"multicloud.io/pool\":null}},\"spec\":{\"taints\":[{\"key\":\"node-role.kubernetes.io/control-plane\",\"effect\":\"NoSchedule\"}]}}", V1Patch.PatchType.MergePatch);
        node = await client.CoreV1.PatchNodeAsync(undo, "control-1");
        Assert.False(node.Metadata.Labels.ContainsKey("multicloud.io/pool"));
    }

    [LabFact]
    public async Task WatchConfigMaps_NewObject_ArrivesAsAdded()
    {
        using var client = cluster.Client();
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("kube-public");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = Task.Run(async () =>
        {
            var events = client.CoreV1.WatchListNamespacedConfigMapAsync("kube-public", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: limit.Token);
            await foreach (var (type, item) in events)
                if (item.Metadata.Name == "watched") return type;
            return (WatchEventType?)null;
        });
        await Task.Delay(500);
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "watched" } }, "kube-public");
        Assert.Equal(WatchEventType.Added, await first);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("watched", "kube-public");
    }

    [LabFact]
    public async Task ListPods_UnsupportedFieldSelector_BadRequest()
    {
        using var client = cluster.Client();
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(() => client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.color=blue")));
    }
}
