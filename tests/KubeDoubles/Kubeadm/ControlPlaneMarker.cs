using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>kubeadm's mark-control-plane phase: the control-plane labels and taints on the node, once it registered.</summary>
public static class ControlPlaneMarker
{
    public const string Role = "node-role.kubernetes.io/control-plane";
    public const string ExcludeLb = "node.kubernetes.io/exclude-from-external-load-balancers";

    private static JsonNode Taint(V1Taint taint)
    {
        var json = new JsonObject { ["key"] = taint.Key, ["effect"] = taint.Effect };
        if (taint.Value != null) json["value"] = taint.Value;
        return json;
    }

    public static async Task MarkAsync(Kubernetes client, string nodeName, JsonArray? taints, TimeSpan timeout)
    {
        taints ??= new JsonArray(new JsonObject { ["key"] = Role, ["effect"] = "NoSchedule" });
        Console.WriteLine($"[mark-control-plane] Marking the node {nodeName} as control-plane by adding the labels: [{Role} {ExcludeLb}]");
        if (taints.Count > 0)
            Console.WriteLine($"[mark-control-plane] Marking the node {nodeName} as control-plane by adding the taints [{string.Join(" ", taints.Select(t => KubeletSetup.TaintString(t!)))}]");
        await ClusterClient.RetryAsync(async () =>
        {
            // As kubeadm's PatchNode: read, then a strategic merge patch of labels and the whole taint list, so the
            // kubelet's concurrent status updates cannot conflict with it.
            var node = await client.CoreV1.ReadNodeAsync(nodeName);
            var current = node.Spec?.Taints?.ToList() ?? new List<V1Taint>();
            foreach (var t in taints)
            {
                var key = KubeadmSettings.S(t, "key");
                var effect = KubeadmSettings.S(t, "effect");
                if (current.Any(x => x.Key == key && x.Effect == effect)) continue;
                var value = KubeadmSettings.S(t, "value");
                current.Add(new V1Taint { Key = key, Effect = effect, Value = value.Length > 0 ? value : null });
            }
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [Role] = "", [ExcludeLb] = "" } },
                ["spec"] = new JsonObject
                {
                    ["taints"] = new JsonArray(current.Select(Taint).ToArray()),
                },
            };
            await client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), nodeName);
            return true;
        }, timeout, $"error execution phase mark-control-plane: error patching node \"{nodeName}\" through apiserver: timed out waiting for the condition");
    }
}

/// <summary>kubeadm's [api-check]: the API server's /livez answers through the admin kubeconfig.</summary>
public static class ApiHealth
{
    public static async Task WaitAsync(Kubernetes client, TimeSpan timeout)
    {
        Console.WriteLine($"[api-check] Waiting for a healthy API server. This can take up to {GoDuration.Format(timeout)}");
        var deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await client.Version.GetCodeAsync();
                Console.WriteLine("[api-check] The API server is healthy");
                return;
            }
            catch (Exception error) when (error is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException)
            {
                last = error.Message;
            }
            await Task.Delay(500);
        }
        throw new CommandException($"error execution phase wait-control-plane: could not check the API server health: {last}\nA control plane component may have crashed or exited when started by the container runtime.");
    }
}
