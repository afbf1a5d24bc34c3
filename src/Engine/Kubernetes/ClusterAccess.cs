using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>
    /// A run's way to the cluster's API: on first use it reads /etc/kubernetes/admin.conf from a control node over SSH
    /// (encrypted on the wire, see <see cref="SecretFiles"/>), points its server at the API endpoint and connects; the
    /// kubeconfig lives only in this object's memory, for this run.
    /// </summary>
    public sealed class ClusterAccess
    {
        private readonly Func<KubernetesApiSetup, IKubernetesApi> connect;
        private readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        private IKubernetesApi? api;

        public ClusterAccess(Func<KubernetesApiSetup, IKubernetesApi> connect, KubernetesOptions options)
        {
            this.connect = connect;
            Options = options;
        }

        public KubernetesOptions Options { get; }

        /// <summary>The API, connected through <paramref name="controlNode"/> or the first joined control node.</summary>
        public async Task<IKubernetesApi> ApiAsync(StepContext context, string? controlNode, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (api != null) return api;
                var through = controlNode ?? JoinedControlNode(context)
                    ?? throw new MultiCloudException(ErrorIds.KubernetesNotReady, ErrorKind.InvalidData,
                        $"cluster '{context.Desired.Name}' has no joined control-plane node to reach its API through; step {context.Step.Name} needs one") { Target = context.Desired.Name };
                var connection = await NodeAccess.ConnectAsync(context, through, cancellationToken).ConfigureAwait(false);
                var admin = await SecretFiles.ReadAsync(context.Services.Remote, connection.Target, KubeadmScripts.AdminConfig, cancellationToken).ConfigureAwait(false);
                var endpoint = ApiEndpoint.Of(context.Desired, context.State.Nodes);
                api = connect(new KubernetesApiSetup(Kubeconfigs.WithServer(admin, endpoint.Url), Options, context.Services.Log));
                return api;
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>The first control node (by name) that has joined, leaving nodes last.</summary>
        public static string? JoinedControlNode(StepContext context) =>
            context.State.Nodes
                .Where(n => n.Role == NodeRole.Control && n.Joined)
                .OrderBy(n => context.Plan.RemovedNodes.Contains(n.Name) ? 1 : 0)
                .ThenBy(n => n.Name, NodeNameOrder.Instance)
                .Select(n => n.Name)
                .FirstOrDefault();
    }

    /// <summary>Edits of kubeconfig text.</summary>
    public static class Kubeconfigs
    {
        private static readonly Regex ServerLine = new Regex(@"^(\s*server:\s*)\S+\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        /// <summary>The kubeconfig with every cluster's server set to <paramref name="url"/> (kubeadm's admin.conf has one cluster).</summary>
        public static string WithServer(string kubeconfig, string url)
        {
            if (!ServerLine.IsMatch(kubeconfig))
                throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData, "the admin kubeconfig has no server line; it is not one kubeadm wrote");
            return ServerLine.Replace(kubeconfig.Replace("\r\n", "\n"), m => m.Groups[1].Value + url);
        }
    }
}
