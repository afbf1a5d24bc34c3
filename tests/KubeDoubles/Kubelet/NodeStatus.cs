using System.Net.Sockets;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubelet;

/// <summary>
/// The kubelet's node registration, status and lease. Ready is True only while the container runtime answers on its
/// socket and a CNI network config exists in /etc/cni/net.d; otherwise False with the real kubelet's reason text.
/// </summary>
public sealed class NodeStatus
{
    private readonly Kubernetes _client;
    private readonly KubeletOptions _options;

    public NodeStatus(Kubernetes client, KubeletOptions options)
    {
        _client = client;
        _options = options;
    }

    public async Task RegisterAsync(CancellationToken ct)
    {
        var labels = new Dictionary<string, string>
        {
            ["kubernetes.io/hostname"] = _options.NodeName, ["kubernetes.io/os"] = "linux", ["kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux", ["beta.kubernetes.io/arch"] = "amd64",
        };
        foreach (var (k, v) in _options.Labels) labels[k] = v;
        var taints = _options.Taints.Select(t => new V1Taint { Key = t.Key, Value = t.Value, Effect = t.Effect }).ToList();
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = _options.NodeName, Labels = labels,
                Annotations = new Dictionary<string, string> { ["node.alpha.kubernetes.io/ttl"] = "0", ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true" },
            },
            Spec = new V1NodeSpec { Taints = taints.Count > 0 ? taints : null },
        };
        try
        {
            await _client.CoreV1.CreateNodeAsync(node, cancellationToken: ct);
            Console.Error.WriteLine($"kubelet: successfully registered node {_options.NodeName}");
        }
        catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            Console.Error.WriteLine($"kubelet: node {_options.NodeName} was already registered");
        }
    }

    public async Task UpdateAsync(CancellationToken ct)
    {
        var (ready, reason, message) = Readiness();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        JsonObject Condition(string type, bool status, string why, string text) => new()
        {
            ["type"] = type, ["status"] = status ? "True" : "False", ["lastHeartbeatTime"] = now, ["reason"] = why, ["message"] = text,
        };
        var address = _options.NodeIp ?? Kubeadm.KubeadmSettings.DefaultAddress();
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024;
        var status = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("MemoryPressure", false, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                Condition("DiskPressure", false, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                Condition("PIDPressure", false, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                Condition("Ready", ready, reason, message)),
            ["addresses"] = new JsonArray(
                new JsonObject { ["type"] = "InternalIP", ["address"] = address },
                new JsonObject { ["type"] = "Hostname", ["address"] = _options.NodeName }),
            ["capacity"] = new JsonObject { ["cpu"] = Environment.ProcessorCount.ToString(), ["memory"] = $"{memory}Ki", ["pods"] = "110" },
            ["allocatable"] = new JsonObject { ["cpu"] = Environment.ProcessorCount.ToString(), ["memory"] = $"{memory}Ki", ["pods"] = "110" },
            ["nodeInfo"] = new JsonObject
            {
                ["kubeletVersion"] = ApiServer.Discovery.GitVersion, ["kubeProxyVersion"] = "", ["operatingSystem"] = "linux", ["architecture"] = "amd64",
                ["containerRuntimeVersion"] = "containerd://unknown", ["osImage"] = OsImage(), ["kernelVersion"] = Environment.OSVersion.Version.ToString(),
                ["machineID"] = ReadOr("/etc/machine-id"), ["systemUUID"] = "", ["bootID"] = ReadOr("/proc/sys/kernel/random/boot_id"),
            },
        };
        var patch = new JsonObject { ["status"] = status }.ToJsonString();
        await _client.CoreV1.PatchNodeStatusAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), _options.NodeName, cancellationToken: ct);
    }

    private (bool Ready, string Reason, string Message) Readiness()
    {
        if (!RuntimeAnswers())
            return (false, "KubeletNotReady", "container runtime is down, PLEG is not healthy: pleg was last seen active 3m0s ago; threshold is 3m0s");
        var cniDir = HostPaths.Path("/etc/cni/net.d");
        var hasCni = Directory.Exists(cniDir) && Directory.EnumerateFiles(cniDir).Any(f => f.EndsWith(".conf") || f.EndsWith(".conflist") || f.EndsWith(".json"));
        if (!hasCni)
            return (false, "KubeletNotReady", "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized");
        return (true, "KubeletReady", "kubelet is posting ready status");
    }

    private bool RuntimeAnswers()
    {
        var path = _options.RuntimeEndpoint.StartsWith("unix://", StringComparison.Ordinal) ? _options.RuntimeEndpoint["unix://".Length..] : _options.RuntimeEndpoint;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(HostPaths.Path(path)));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async Task RenewLeaseAsync(CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        try
        {
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.NodeName, "kube-node-lease", cancellationToken: ct);
            lease.Spec.RenewTime = now;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.NodeName, "kube-node-lease", cancellationToken: ct);
        }
        catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            var node = await _client.CoreV1.ReadNodeAsync(_options.NodeName, cancellationToken: ct);
            await _client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
            {
                Metadata = new V1ObjectMeta
                {
                    Name = _options.NodeName, NamespaceProperty = "kube-node-lease",
                    OwnerReferences = new List<V1OwnerReference> { new() { ApiVersion = "v1", Kind = "Node", Name = node.Metadata.Name, Uid = node.Metadata.Uid } },
                },
                Spec = new V1LeaseSpec { HolderIdentity = _options.NodeName, LeaseDurationSeconds = 40, RenewTime = now },
            }, "kube-node-lease", cancellationToken: ct);
        }
    }

    private static string OsImage()
    {
        var line = File.Exists("/etc/os-release") ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) : null;
        return line?["PRETTY_NAME=".Length..].Trim('"') ?? "Linux";
    }

    private static string ReadOr(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : "";
}
