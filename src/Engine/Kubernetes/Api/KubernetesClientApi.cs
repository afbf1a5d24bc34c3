using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Kubernetes.Api
{
    /// <summary>
    /// <see cref="IKubernetesApi"/> through KubernetesClient. The kubeconfig's server is the API load balancer and its
    /// certificate-authority-data the cluster CA, which KubernetesClient verifies the server against; the admin
    /// credentials stay in this object's memory only.
    /// </summary>
    public sealed partial class KubernetesClientApi : IKubernetesApi
    {
        public const string ManagedByLabel = "app.kubernetes.io/managed-by";
        public const string ManagedByValue = "multicloud";
        public const string LonghornProvisioner = "driver.longhorn.io";

        private readonly k8s.Kubernetes client;
        private readonly KubernetesOptions options;

        public KubernetesClientApi(KubernetesApiSetup setup)
            : this(setup, null)
        {
        }

        /// <param name="setup">The kubeconfig and the wait settings.</param>
        /// <param name="connection">
        /// How connections to the API are made — a proxy, or where the endpoint's name resolves — applied to
        /// KubernetesClient's handler; the server's certificate is still verified against the cluster CA and the
        /// endpoint's name. Null keeps KubernetesClient's defaults (the system resolver).
        /// </param>
        public KubernetesClientApi(KubernetesApiSetup setup, Action<SocketsHttpHandler>? connection)
        {
            options = setup.Options;
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(setup.Kubeconfig));
            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
            if (connection != null) configuration.FirstMessageHandlerSetup = connection;
            client = new k8s.Kubernetes(configuration);
        }

        public static IKubernetesApi Connect(KubernetesApiSetup setup) => new KubernetesClientApi(setup);

        public async Task<NodeReadiness?> GetNodeReadinessAsync(string node, CancellationToken cancellationToken)
        {
            var found = await ReadNodeAsync(node, cancellationToken).ConfigureAwait(false);
            return found is null ? null : ReadinessOf(found);
        }

        public async Task WaitForNodeReadyAsync(string node, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = DateTimeOffset.UtcNow + timeout;
            NodeReadiness? last = null;
            while (true)
            {
                last = await GetNodeReadinessAsync(node, cancellationToken).ConfigureAwait(false);
                if (last?.Ready == true) return;
                if (DateTimeOffset.UtcNow >= deadline) break;
                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
            var seen = last is null ? "its Node object never registered with the API server" : "the last Ready condition was " + last;
            throw new MultiCloudException(ErrorIds.KubeletNotReady, ErrorKind.Failed,
                $"node {node} did not become Ready within {Manifest.Durations.Format((int)Math.Ceiling(timeout.TotalSeconds))}: {seen}; " +
                $"look at 'journalctl -u kubelet' and containerd on {node}, fix the cause, then run Sync-MCCluster (or `multicloud sync`) to join it again")
            { Target = node };
        }

        public async Task SetPodCidrAsync(string node, string podCidr, CancellationToken cancellationToken)
        {
            var found = await ReadNodeAsync(node, cancellationToken).ConfigureAwait(false)
                ?? throw Failed("set the pod network of", node, "the Node object does not exist", null);
            var current = found.Spec?.PodCIDR;
            if (current == podCidr) return;
            if (!string.IsNullOrEmpty(current))
                throw Failed("set the pod network of", node, $"it already has pod network {current}, which cannot change, instead of {podCidr}", null);
            var patch = new JsonObject { ["spec"] = new JsonObject { ["podCIDR"] = podCidr, ["podCIDRs"] = new JsonArray(podCidr) } };
            await CallAsync("set the pod network of", node, () => client.CoreV1.PatchNodeAsync(MergePatch(patch), node, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        public async Task ApplyNodeMetadataAsync(string node, NodeMetadataSpec desired, ManagedMetadata? previouslyManaged, CancellationToken cancellationToken)
        {
            // The taint list is replaced whole, so the patch carries the resourceVersion it was computed from; a
            // conflict (the kubelet or a controller changed the node meanwhile) is computed again.
            for (var attempt = 1; ; attempt++)
            {
                var found = await ReadNodeAsync(node, cancellationToken).ConfigureAwait(false)
                    ?? throw Failed("set the labels, taints and annotations of", node, "the Node object does not exist", null);
                var taints = (found.Spec?.Taints ?? new List<V1Taint>()).Select(t => new NodeTaint(t.Key, t.Value, t.Effect)).ToList();
                var patch = NodeMetadataPatch.Build(taints, desired, previouslyManaged);
                ((JsonObject)patch["metadata"]!)["resourceVersion"] = found.Metadata.ResourceVersion;
                try
                {
                    await client.CoreV1.PatchNodeAsync(MergePatch(patch), node, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
                {
                }
                catch (Exception e) when (e is HttpOperationException || e is HttpRequestException)
                {
                    throw Failed("set the labels, taints and annotations of", node, Describe(e), e);
                }
            }
        }

        public async Task CordonAsync(string node, CancellationToken cancellationToken)
        {
            var patch = new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = true } };
            await CallAsync("cordon", node, () => client.CoreV1.PatchNodeAsync(MergePatch(patch), node, cancellationToken: cancellationToken), allowNotFound: true)
                .ConfigureAwait(false);
        }

        public async Task DeleteNodeAsync(string node, CancellationToken cancellationToken) =>
            await CallAsync("delete", node, () => client.CoreV1.DeleteNodeAsync(node, cancellationToken: cancellationToken), allowNotFound: true).ConfigureAwait(false);

        public async Task<bool> TagLonghornNodeAsync(string node, IReadOnlyList<string> tags, CancellationToken cancellationToken)
        {
            var tagArray = new JsonArray();
            foreach (var tag in tags) tagArray.Add(tag);
            var patch = new JsonObject { ["spec"] = new JsonObject { ["tags"] = tagArray } };
            var result = await CallAsync("tag the Longhorn node of", node, () => client.CustomObjects.PatchNamespacedCustomObjectAsync(
                MergePatch(patch), "longhorn.io", "v1beta2", "longhorn-system", "nodes", node, cancellationToken: cancellationToken), allowNotFound: true).ConfigureAwait(false);
            return result != null;
        }

        public void Dispose() => client.Dispose();

        private static NodeReadiness ReadinessOf(V1Node node)
        {
            var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            return ready is null
                ? new NodeReadiness(false, "Unknown", "NoReadyCondition", "the kubelet has not reported a Ready condition yet")
                : new NodeReadiness(ready.Status == "True", ready.Status, ready.Reason, ready.Message);
        }

        private async Task<V1Node?> ReadNodeAsync(string node, CancellationToken cancellationToken) =>
            await CallAsync("read", node, () => client.CoreV1.ReadNodeAsync(node, cancellationToken: cancellationToken), allowNotFound: true).ConfigureAwait(false);

        private static V1Patch MergePatch(JsonObject patch) => new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);

        /// <summary>Runs one call; 404 gives null when <paramref name="allowNotFound"/>, every other failure KubernetesApiFailed naming what and whom.</summary>
        private static async Task<T?> CallAsync<T>(string what, string name, Func<Task<T>> call, bool allowNotFound = false) where T : class
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (allowNotFound && e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            catch (Exception e) when (e is HttpOperationException || e is HttpRequestException || e is TaskCanceledException && e.InnerException is TimeoutException)
            {
                throw Failed(what, name, Describe(e), e);
            }
        }

        private static string Describe(Exception e) => e switch
        {
            HttpOperationException http => "HTTP " + ((int)http.Response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " +
                http.Response.StatusCode + (string.IsNullOrWhiteSpace(http.Response.Content) ? "" : ": " + Shorten(http.Response.Content)),
            _ => e.InnerException is null ? e.Message : e.Message + " (" + e.InnerException.Message + ")",
        };

        private static string Shorten(string text) => text.Length <= 400 ? text : text.Substring(0, 400) + "…";

        private static MultiCloudException Failed(string what, string name, string why, Exception? inner) =>
            new MultiCloudException(ErrorIds.KubernetesApiFailed, inner is HttpRequestException ? ErrorKind.Connection : ErrorKind.Failed,
                $"the Kubernetes API could not {what} {name}: {why}", inner) { Target = name };
    }
}
