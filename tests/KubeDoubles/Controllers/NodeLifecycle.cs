using System.Net;
using k8s;
using k8s.Models;

namespace MultiCloud.KubeDoubles.Controllers;

/// <summary>nodelifecycle: a node whose Lease was not renewed within the grace period (40 s) gets Ready=Unknown,
/// "Kubelet stopped posting node status.", as the real node lifecycle controller marks it.</summary>
public static class NodeLifecycle
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(40);

    public static async Task RunAsync(Kubernetes client)
    {
        var leases = (await client.CoordinationV1.ListNamespacedLeaseAsync("kube-node-lease")).Items.ToDictionary(l => l.Metadata.Name);
        foreach (var node in (await client.CoreV1.ListNodeAsync()).Items)
        {
            var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            if (ready == null || ready.Status == "Unknown") continue;
            if (!leases.TryGetValue(node.Metadata.Name, out var lease) || lease.Spec.RenewTime == null) continue;
            if (DateTime.UtcNow - lease.Spec.RenewTime.Value.ToUniversalTime() < Grace) continue;
            var patch = "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"Unknown\",\"reason\":\"NodeStatusUnknown\",\"message\":\"Kubelet stopped posting node status.\"}]}}";
            await client.CoreV1.PatchNodeStatusAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), node.Metadata.Name);
        }
    }
}

/// <summary>nodeipam (only with --allocate-node-cidrs=true): each node without spec.podCIDR gets the next free block of
/// --cluster-cidr. MultiCloud runs the real controller-manager with it off and sets podCIDR itself.</summary>
public sealed class NodeIpam
{
    private readonly uint _network;
    private readonly int _prefix;
    private readonly int _mask;

    public NodeIpam(string clusterCidr, int mask)
    {
        var parts = clusterCidr.Split(',')[0].Split('/');
        var b = IPAddress.Parse(parts[0]).GetAddressBytes();
        _network = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        _prefix = int.Parse(parts[1]);
        _mask = mask;
    }

    public async Task RunAsync(Kubernetes client)
    {
        var nodes = (await client.CoreV1.ListNodeAsync()).Items;
        var used = nodes.Select(n => n.Spec?.PodCIDR).Where(c => !string.IsNullOrEmpty(c)).ToHashSet();
        foreach (var node in nodes.Where(n => string.IsNullOrEmpty(n.Spec?.PodCIDR)))
        {
            var blocks = 1u << (_mask - _prefix);
            for (uint i = 0; i < blocks; i++)
            {
                var start = _network + (i << (32 - _mask));
                var cidr = $"{new IPAddress(new[] { (byte)(start >> 24), (byte)(start >> 16), (byte)(start >> 8), (byte)start })}/{_mask}";
                if (used.Contains(cidr)) continue;
                used.Add(cidr);
                var patch = $"{{\"spec\":{{\"podCIDR\":\"{cidr}\",\"podCIDRs\":[\"{cidr}\"]}}}}";
                await client.CoreV1.PatchNodeAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), node.Metadata.Name);
                break;
            }
        }
    }
}
