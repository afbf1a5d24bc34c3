using System.Collections.Concurrent;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Tests.Kubernetes;

/// <summary>
/// Test double of the cluster's API for handler logic: nodes named in <see cref="Registered"/> exist (a join adds
/// them through <see cref="RegisterOnWait"/>), every call is recorded in order, and the kubeconfigs it was connected
/// with are kept so tests can check the server they point at.
/// </summary>
public sealed class RecordingKubernetesApi : IKubernetesApi
{
    public ConcurrentQueue<string> Calls { get; } = new();
    public ConcurrentQueue<string> Kubeconfigs { get; } = new();
    public ConcurrentDictionary<string, bool> Registered { get; } = new();
    public ConcurrentDictionary<string, NodeMetadataSpec> Metadata { get; } = new();

    /// <summary>A node the run waits for registers then and is Ready (as a kubelet that joined would).</summary>
    public bool RegisterOnWait { get; init; } = true;

    /// <summary>When set, readiness waits fail as the real client does after its timeout.</summary>
    public string? NeverReadyReason { get; init; }

    public Func<KubernetesApiSetup, IKubernetesApi> Connect => setup =>
    {
        Kubeconfigs.Enqueue(setup.Kubeconfig);
        return this;
    };

    public Task<NodeReadiness?> GetNodeReadinessAsync(string node, CancellationToken cancellationToken)
    {
        Calls.Enqueue("get " + node);
        return Task.FromResult(Registered.ContainsKey(node) ? new NodeReadiness(true, "True", "KubeletReady", null) : null);
    }

    public Task WaitForNodeReadyAsync(string node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Calls.Enqueue("wait-ready " + node);
        if (NeverReadyReason != null)
            throw new MultiCloudException(ErrorIds.KubeletNotReady, ErrorKind.Failed, $"node {node} did not become Ready: {NeverReadyReason}") { Target = node };
        if (RegisterOnWait) Registered[node] = true;
        return Task.CompletedTask;
    }

    public Task SetPodCidrAsync(string node, string podCidr, CancellationToken cancellationToken) => Record("pod-cidr " + node + " " + podCidr);

    public Task ApplyNodeMetadataAsync(string node, NodeMetadataSpec desired, ManagedMetadata? previouslyManaged, CancellationToken cancellationToken)
    {
        Metadata[node] = desired;
        return Record("metadata " + node + " removing " + string.Join(",", (previouslyManaged?.Labels ?? Array.Empty<string>()).Where(k => !desired.Labels.ContainsKey(k))));
    }

    public Task CordonAsync(string node, CancellationToken cancellationToken) => Record("cordon " + node);

    public Task DrainAsync(string node, TimeSpan timeout, CancellationToken cancellationToken) => Record("drain " + node + " " + (int)timeout.TotalSeconds + "s");

    public Task DeleteNodeAsync(string node, CancellationToken cancellationToken)
    {
        Registered.TryRemove(node, out _);
        return Record("delete " + node);
    }

    public Task SyncStorageClassesAsync(IReadOnlyList<StorageClassSpec> classes, CancellationToken cancellationToken) =>
        Record("storage-classes " + string.Join(",", classes.Select(c => c.Name + ":" + c.NodeTag + ":" + c.Replicas)));

    public Task<bool> TagLonghornNodeAsync(string node, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        Calls.Enqueue("longhorn-tags " + node + " " + string.Join(",", tags));
        return Task.FromResult(true);
    }

    public void Dispose()
    {
    }

    private Task Record(string call)
    {
        Calls.Enqueue(call);
        return Task.CompletedTask;
    }
}
