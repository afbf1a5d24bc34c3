using MultiCloud.KubeDoubles.Tests.Infrastructure;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.KubeDoubles.Tests;

/// <summary>The real kubectl 1.32.3 (Debian's) against the API server double that kubeadm init started.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class KubectlTests
{
    private readonly LocalCluster cluster;

    public KubectlTests(LocalCluster cluster) => this.cluster = cluster;

    [LabFact]
    public async Task GetNodes_AfterInit_ShowsReadyControlPlane()
    {
        var output = await cluster.KubectlOkAsync("get", "nodes");
        var row = output.Split('\n').Single(l => l.StartsWith("control-1", StringComparison.Ordinal));
        Assert.Matches(@"^control-1\s+Ready\s+control-plane\s+\S+\s+v1\.32\.3", row);
    }

    [LabFact]
    public async Task Apply_RemovedLabel_IsRemovedClientSideAndServerSide()
    {
        await Apply("cm-apply", "a: '1'\n    b: '2'");
        await Apply("cm-apply", "a: '1'");
        Assert.Equal("{\"a\":\"1\"}", await cluster.KubectlOkAsync("get", "configmap", "cm-apply", "-o", "jsonpath={.metadata.labels}"));

        await Apply("cm-ssa", "a: '1'\n    c: '3'", "--server-side", "--field-manager=test");
        await Apply("cm-ssa", "a: '1'", "--server-side", "--field-manager=test");
        Assert.Equal("{\"a\":\"1\"}", await cluster.KubectlOkAsync("get", "configmap", "cm-ssa", "-o", "jsonpath={.metadata.labels}"));
    }

    private async Task Apply(string name, string labels, params string[] flags)
    {
        var yaml = $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {name}
              namespace: default
              labels:
                {labels}
            data:
              k: v
            """;
        var result = await cluster.KubectlWithInputAsync(yaml, new[] { "apply", "-f", "-" }.Concat(flags).ToArray());
        Assert.True(result.Succeeded, result.StandardError);
    }

    [LabFact]
    public async Task PatchNode_PodCidrOnceSet_IsRejectedWhenChanged()
    {
        await cluster.KubectlWithInputAsync("apiVersion: v1\nkind: Node\nmetadata:\n  name: cidr-node\n", "apply", "-f", "-");
        await cluster.KubectlOkAsync("patch", "node", "cidr-node", "--type", "merge", "-p", "{\"spec\":{\"podCIDR\":\"10.244.7.0/24\"}}");
        var change = await cluster.KubectlAsync("patch", "node", "cidr-node", "--type", "merge", "-p", "{\"spec\":{\"podCIDR\":\"10.244.8.0/24\"}}");
        Assert.False(change.Succeeded);
        Assert.Contains("spec.podCIDR: Forbidden: node updates may not change podCIDR except from \"\" to valid", change.StandardError);
        Assert.Equal("[\"10.244.7.0/24\"]", await cluster.KubectlOkAsync("get", "node", "cidr-node", "-o", "jsonpath={.spec.podCIDRs}"));
        await cluster.KubectlOkAsync("delete", "node", "cidr-node");
    }

    [LabFact]
    public async Task Drain_PodDisruptionBudget_EvictsOnlyWhatTheBudgetAllows()
    {
        var objects = """
            apiVersion: v1
            kind: Node
            metadata: {name: drain-node}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: default, labels: {app: web}}
            spec: {nodeName: drain-node, containers: [{name: c, image: nginx}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-2, namespace: default, labels: {app: web}}
            spec: {nodeName: drain-node, containers: [{name: c, image: nginx}]}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: default}
            spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
            """;
        var applied = await cluster.KubectlWithInputAsync(objects, "apply", "-f", "-");
        Assert.True(applied.Succeeded, applied.StandardError);

        var blocked = await cluster.KubectlAsync("drain", "drain-node", "--force", "--timeout=6s");
        Assert.False(blocked.Succeeded);
        var left = await cluster.KubectlOkAsync("get", "pods", "--field-selector", "spec.nodeName=drain-node", "-o", "name");
        Assert.Single(left.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("true", await cluster.KubectlOkAsync("get", "node", "drain-node", "-o", "jsonpath={.spec.unschedulable}"));

        await cluster.KubectlOkAsync("patch", "pdb", "web", "--type", "merge", "-p", "{\"spec\":{\"minAvailable\":0}}");
        await cluster.KubectlOkAsync("drain", "drain-node", "--force", "--timeout=20s");
        Assert.Equal("", (await cluster.KubectlOkAsync("get", "pods", "--field-selector", "spec.nodeName=drain-node", "-o", "name")).Trim());
        await cluster.KubectlOkAsync("delete", "node", "drain-node");
        await cluster.KubectlOkAsync("delete", "pdb", "web");
        Assert.Contains("NotFound", (await cluster.KubectlAsync("get", "node", "drain-node")).StandardError);
    }

    [LabFact]
    public async Task Apply_InvalidName_IsRejectedLikeTheRealApi()
    {
        var result = await cluster.KubectlWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  namespace: default\n", "apply", "-f", "-");
        Assert.False(result.Succeeded);
        Assert.Contains("metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", result.StandardError);
    }

    [LabFact]
    public async Task ApplyServerSide_LabLonghornManifest_RegistersLonghornNodes()
    {
        var repo = await LabScript.RepositoryFolderAsync();
        var manifest = Path.Combine(repo, "longhorn", "v1.7.2", "deploy", "longhorn.yaml");
        await cluster.KubectlOkAsync("apply", "--server-side", "-f", manifest);
        await cluster.KubectlOkAsync("get", "namespace", "longhorn-system");
        var node = "apiVersion: longhorn.io/v1beta2\nkind: Node\nmetadata:\n  name: control-1\n  namespace: longhorn-system\nspec:\n  tags: [zone-a]\n";
        var applied = await cluster.KubectlWithInputAsync(node, "apply", "-f", "-");
        Assert.True(applied.Succeeded, applied.StandardError);
        Assert.Equal("[\"zone-a\"]", await cluster.KubectlOkAsync("get", "nodes.longhorn.io", "control-1", "-n", "longhorn-system", "-o", "jsonpath={.spec.tags}"));
        await cluster.KubectlOkAsync("patch", "nodes.longhorn.io", "control-1", "-n", "longhorn-system", "--type", "merge", "-p", "{\"spec\":{\"tags\":[\"zone-b\"]}}");
        Assert.Equal("[\"zone-b\"]", await cluster.KubectlOkAsync("get", "lhn", "control-1", "-n", "longhorn-system", "-o", "jsonpath={.spec.tags}"));
    }
}
