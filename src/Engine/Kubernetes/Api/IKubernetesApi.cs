using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Kubernetes.Api
{
    /// <summary>
    /// The calls the engine makes to a cluster's API, and nothing else. One implementation speaks to the API server
    /// through KubernetesClient (<see cref="KubernetesClientApi"/>); handler tests replace it with a recording fake.
    /// Failures are MultiCloudExceptions naming the call and the object (KubernetesApiFailed, KubeletNotReady, DrainTimedOut).
    /// </summary>
    public interface IKubernetesApi : IDisposable
    {
        /// <summary>The node's Ready condition, or null when no Node object of that name exists.</summary>
        Task<NodeReadiness?> GetNodeReadinessAsync(string node, CancellationToken cancellationToken);

        /// <summary>Waits until the node reports Ready; KubeletNotReady naming the node and the last condition seen when the timeout passes.</summary>
        Task WaitForNodeReadyAsync(string node, TimeSpan timeout, CancellationToken cancellationToken);

        /// <summary>Sets spec.podCIDR (and podCIDRs) when it is empty; a different value already set is an error (the field cannot change).</summary>
        Task SetPodCidrAsync(string node, string podCidr, CancellationToken cancellationToken);

        /// <summary>
        /// Merge-patches the node's labels, annotations and taints to <paramref name="desired"/>, removing the keys
        /// in <paramref name="previouslyManaged"/> that <paramref name="desired"/> no longer has; keys others set stay.
        /// </summary>
        Task ApplyNodeMetadataAsync(string node, NodeMetadataSpec desired, ManagedMetadata? previouslyManaged, CancellationToken cancellationToken);

        /// <summary>Marks the node unschedulable; a node that is gone is left alone.</summary>
        Task CordonAsync(string node, CancellationToken cancellationToken);

        /// <summary>
        /// Evicts every pod on the node except DaemonSet and mirror pods through the eviction API, retrying the ones a
        /// PodDisruptionBudget holds back, and waits for them to go; DrainTimedOut naming the pods left after the timeout.
        /// Pods of a node whose kubelet is not Ready are evicted without waiting (nothing there can confirm them).
        /// </summary>
        Task DrainAsync(string node, TimeSpan timeout, CancellationToken cancellationToken);

        /// <summary>Deletes the Node object; one that is already gone is fine.</summary>
        Task DeleteNodeAsync(string node, CancellationToken cancellationToken);

        /// <summary>
        /// Makes the cluster's storage classes labelled managed-by=multicloud exactly <paramref name="classes"/>:
        /// creates the missing ones, recreates changed ones (their parameters cannot be edited), deletes the rest.
        /// </summary>
        Task SyncStorageClassesAsync(IReadOnlyList<StorageClassSpec> classes, CancellationToken cancellationToken);

        /// <summary>Sets the Longhorn node's spec.tags; false when Longhorn has no node object for it (yet).</summary>
        Task<bool> TagLonghornNodeAsync(string node, IReadOnlyList<string> tags, CancellationToken cancellationToken);
    }

    /// <summary>A node's Ready condition as the API reports it.</summary>
    public sealed record NodeReadiness(bool Ready, string Status, string? Reason, string? Message)
    {
        public override string ToString() =>
            "Ready=" + Status + (Reason is null ? "" : " (" + Reason + (string.IsNullOrEmpty(Message) ? "" : ": " + Message) + ")");
    }

    /// <summary>A Longhorn storage class pinned to the nodes carrying one Longhorn node tag.</summary>
    public sealed record StorageClassSpec(string Name, string NodeTag, int Replicas);

    /// <summary>What connects an <see cref="IKubernetesApi"/>: the admin kubeconfig (server already the API endpoint) and the wait settings.</summary>
    public sealed record KubernetesApiSetup(string Kubeconfig, KubernetesOptions Options, Execution.IEngineLog Log);

    /// <summary>How long the engine waits on Kubernetes, and how often it looks.</summary>
    public sealed record KubernetesOptions
    {
        /// <summary>How long a node that joined may take to report Ready.</summary>
        public TimeSpan NodeReadyTimeout { get; init; } = TimeSpan.FromMinutes(5);

        /// <summary>Pause between two looks at a node or at a drain's pods.</summary>
        public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

        public static KubernetesOptions Default { get; } = new KubernetesOptions();
    }
}
