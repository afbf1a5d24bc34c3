using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace MultiCloud.Engine.Kubernetes.Api
{
    /// <summary>Drain and storage classes: the calls that work on many objects.</summary>
    public sealed partial class KubernetesClientApi
    {
        public async Task DrainAsync(string node, TimeSpan timeout, CancellationToken cancellationToken)
        {
            await CordonAsync(node, cancellationToken).ConfigureAwait(false);
            var kubeletReady = (await GetNodeReadinessAsync(node, cancellationToken).ConfigureAwait(false))?.Ready == true;
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (true)
            {
                var pods = await EvictablePodsAsync(node, cancellationToken).ConfigureAwait(false);
                if (pods.Count == 0) return;
                var held = new List<string>();
                foreach (var pod in pods.Where(p => p.Metadata.DeletionTimestamp is null))
                {
                    if (!await EvictAsync(pod, cancellationToken).ConfigureAwait(false)) held.Add(pod.Metadata.NamespaceProperty + "/" + pod.Metadata.Name);
                }
                // Nothing on a node whose kubelet is gone can confirm its pods' end; deleting the Node lets the
                // garbage collector remove them.
                if (!kubeletReady && held.Count == 0) return;
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    var left = pods.Select(p => p.Metadata.NamespaceProperty + "/" + p.Metadata.Name).ToList();
                    throw new MultiCloudException(ErrorIds.DrainTimedOut, ErrorKind.Failed,
                        $"node {node} was not drained within {Manifest.Durations.Format((int)Math.Ceiling(timeout.TotalSeconds))}: " +
                        $"{left.Count} pod(s) left ({string.Join(", ", left.Take(10))}{(left.Count > 10 ? ", …" : "")})" +
                        (held.Count > 0 ? $", of which {string.Join(", ", held.Take(10))} a PodDisruptionBudget does not let go" : "") +
                        "; scale those workloads or relax their PodDisruptionBudgets, or raise kubernetes.drainTimeout, then run Sync-MCCluster")
                    { Target = node };
                }
                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task SyncStorageClassesAsync(IReadOnlyList<StorageClassSpec> classes, CancellationToken cancellationToken)
        {
            var existing = await CallAsync("list the storage classes of", "the cluster", () => client.StorageV1.ListStorageClassAsync(
                labelSelector: ManagedByLabel + "=" + ManagedByValue, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var byName = (existing?.Items ?? new List<V1StorageClass>()).ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal);
            foreach (var wanted in classes)
            {
                var body = StorageClassOf(wanted);
                if (byName.TryGetValue(wanted.Name, out var current))
                {
                    byName.Remove(wanted.Name);
                    if (SameParameters(current, body)) continue;
                    await DeleteStorageClassAsync(wanted.Name, cancellationToken).ConfigureAwait(false);
                }
                await CallAsync("create the storage class", wanted.Name, () => client.StorageV1.CreateStorageClassAsync(body, cancellationToken: cancellationToken))
                    .ConfigureAwait(false);
            }
            foreach (var obsolete in byName.Keys) await DeleteStorageClassAsync(obsolete, cancellationToken).ConfigureAwait(false);
        }

        private Task DeleteStorageClassAsync(string name, CancellationToken cancellationToken) =>
            CallAsync("delete the storage class", name, () => client.StorageV1.DeleteStorageClassAsync(name, cancellationToken: cancellationToken), allowNotFound: true);

        private static V1StorageClass StorageClassOf(StorageClassSpec spec) => new V1StorageClass
        {
            ApiVersion = "storage.k8s.io/v1",
            Kind = "StorageClass",
            Metadata = new V1ObjectMeta { Name = spec.Name, Labels = new Dictionary<string, string> { [ManagedByLabel] = ManagedByValue } },
            Provisioner = LonghornProvisioner,
            AllowVolumeExpansion = true,
            ReclaimPolicy = "Delete",
            VolumeBindingMode = "Immediate",
            Parameters = new Dictionary<string, string>
            {
                ["numberOfReplicas"] = spec.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["staleReplicaTimeout"] = "30",
                ["nodeSelector"] = spec.NodeTag,
            },
        };

        private static bool SameParameters(V1StorageClass current, V1StorageClass wanted) =>
            current.Provisioner == wanted.Provisioner
            && (current.Parameters ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal)
                .SequenceEqual(wanted.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal));

        private async Task<IReadOnlyList<V1Pod>> EvictablePodsAsync(string node, CancellationToken cancellationToken)
        {
            var list = await CallAsync("list the pods of", node, () => client.CoreV1.ListPodForAllNamespacesAsync(
                fieldSelector: "spec.nodeName=" + node, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (list?.Items ?? new List<V1Pod>())
                .Where(p => p.Metadata.OwnerReferences?.Any(o => o.Kind == "DaemonSet") != true)
                .Where(p => p.Metadata.Annotations?.ContainsKey("kubernetes.io/config.mirror") != true)
                .ToList();
        }

        /// <summary>Asks the eviction API to evict the pod; false when a PodDisruptionBudget holds it (429), true when it goes or is gone.</summary>
        private async Task<bool> EvictAsync(V1Pod pod, CancellationToken cancellationToken)
        {
            var eviction = new V1Eviction
            {
                ApiVersion = "policy/v1",
                Kind = "Eviction",
                Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty },
            };
            try
            {
                await client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == (HttpStatusCode)429)
            {
                return false;
            }
            catch (Exception e) when (e is HttpOperationException || e is System.Net.Http.HttpRequestException)
            {
                throw Failed("evict pod " + pod.Metadata.NamespaceProperty + "/" + pod.Metadata.Name + " from", pod.Spec?.NodeName ?? "its node", Describe(e), e);
            }
        }
    }
}
