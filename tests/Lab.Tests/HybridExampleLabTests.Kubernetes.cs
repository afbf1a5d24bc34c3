using k8s;
using k8s.Models;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.Model;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests;

/// <summary>The hybrid example's Kubernetes checks, through the API (KubernetesClient, cluster CA verified) and Debian's kubectl.</summary>
public sealed partial class HybridExampleLabTests
{
    /// <summary>Where each Kubernetes node of the adapted example is, as the manifest says it (pool, provider, region, zone) and its Longhorn zone.</summary>
    private static readonly IReadOnlyList<(string Node, string Pool, string Provider, string Region, string Zone, string? StorageClass)> Placement = new[]
    {
        ("control-az-1", "control-az", "azure", "westeurope", "westeurope-1", (string?)null),
        ("onprem-cp1", "onprem", "static", "static", "onprem", null),
        ("compute-az-1", "compute-az", "azure", "northeurope", "northeurope", "longhorn-northeurope"),
        ("compute-aws-1", "compute-aws", "aws", "eu-central-1", "eu-central-1a", "longhorn-eu-central-1a"),
    };

    /// <summary>Every Kubernetes node Ready, with its pool's labels and taints and its cloud's topology and provider labels.</summary>
    private async Task AssertEveryKubernetesNodeReadyWithItsCloudsMetadataAsync(IKubernetes api)
    {
        var nodes = (await api.CoreV1.ListNodeAsync()).Items.ToDictionary(n => n.Metadata.Name);
        Assert.Equal(Placement.Select(p => p.Node).Order(), nodes.Keys.Order());
        foreach (var (name, pool, provider, region, zone, _) in Placement)
        {
            var node = nodes[name];
            output.WriteLine($"{name}: {string.Join(", ", node.Metadata.Labels.Select(l => l.Key + "=" + l.Value))}; taints {string.Join(", ", (node.Spec.Taints ?? new List<V1Taint>()).Select(t => t.Key + "=" + t.Value + ":" + t.Effect))}");
            Assert.Equal("True", node.Status.Conditions.Single(c => c.Type == "Ready").Status);
            Assert.Equal(pool, node.Metadata.Labels[NodeMetadataSpec.PoolLabel]);
            Assert.Equal(provider, node.Metadata.Labels[NodeMetadataSpec.ProviderLabel]);
            Assert.Equal(region, node.Metadata.Labels[NodeMetadataSpec.RegionLabel]);
            Assert.Equal(zone, node.Metadata.Labels[NodeMetadataSpec.ZoneLabel]);
        }
        Assert.Equal("vienna-dc1", nodes["onprem-cp1"].Metadata.Labels["site"]);
        Assert.All(new[] { "control-az-1", "onprem-cp1" }, name =>
            Assert.Contains(nodes[name].Spec.Taints, t => t.Key == "node-role.kubernetes.io/control-plane" && t.Effect == "NoSchedule"));
        Assert.Contains(nodes["compute-aws-1"].Spec.Taints, t => t.Key == "burst" && t.Value == "true" && t.Effect == "PreferNoSchedule");
    }

    /// <summary>
    /// The classes MultiCloud manages are exactly one per compute zone (AWS eu-central-1a, Azure northeurope), each
    /// pinned by its nodeSelector to the Longhorn tag that the nodes of that zone, and only they, carry.
    /// </summary>
    private async Task AssertOneStorageClassPinnedToEachComputeZoneAsync(IKubernetes api)
    {
        var managed = (await api.StorageV1.ListStorageClassAsync(labelSelector: KubernetesClientApi.ManagedByLabel + "=" + KubernetesClientApi.ManagedByValue)).Items;
        var nodes = (await api.CoreV1.ListNodeAsync()).Items;
        var zoned = Placement.Where(p => p.StorageClass != null).ToList();
        Assert.Equal(zoned.Select(p => p.StorageClass!).Order(), managed.Select(c => c.Metadata.Name).Order());
        foreach (var (node, _, _, _, _, storageClass) in zoned)
        {
            var found = managed.Single(c => c.Metadata.Name == storageClass);
            var tag = found.Parameters["nodeSelector"];
            Assert.Equal(KubernetesClientApi.LonghornProvisioner, found.Provisioner);
            Assert.Equal("1", found.Parameters["numberOfReplicas"]);
            var tagged = nodes.Where(n => n.Metadata.Annotations != null && n.Metadata.Annotations.TryGetValue(NodeMetadataSpec.LonghornTagsAnnotation, out var tags) && tags == "[\"" + tag + "\"]");
            Assert.Equal(new[] { node }, tagged.Select(n => n.Metadata.Name));
        }
    }

    /// <summary>KubernetesClient with a kubeconfig as the engine hands it out; with <paramref name="dns"/>, names resolve through the lab's public DNS.</summary>
    private static k8s.Kubernetes ApiClient(string kubeconfig, LabPublicDns? dns)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(kubeconfig));
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
        if (dns != null) configuration.FirstMessageHandlerSetup = dns.ResolveThroughTheZone;
        return new k8s.Kubernetes(configuration);
    }

    /// <summary>
    /// Debian's kubectl on <paramref name="host"/> (a Kubernetes node, so it has kubectl from the repository) with the
    /// kubeconfig as the engine hands it out: the host resolves the API name through its resolver, the lab's public DNS,
    /// and kubectl verifies the server against the cluster CA. The file goes when it is done.
    /// </summary>
    private async Task<string> KubectlOnAsync(LabHost host, string kubeconfig, string arguments) =>
        await lab.Hosts.OutputAsync(host,
            "getent hosts " + ApiName + " >&2\n" +
            "umask 077\nf=$(mktemp)\ntrap 'rm -f \"$f\"' EXIT\ncat >\"$f\" <<'LAB_EOF'\n" + kubeconfig.TrimEnd('\n') + "\nLAB_EOF\nkubectl --kubeconfig \"$f\" " + arguments + "\n");
}
