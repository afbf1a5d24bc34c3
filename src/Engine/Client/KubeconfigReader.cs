using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Client
{
    /// <summary>
    /// The admin kubeconfig of a cluster, read from its first reachable joined control node over SSH (encrypted on the
    /// wire, see <see cref="SecretFiles"/>) with the server set to the API endpoint. It is returned, never stored.
    /// </summary>
    internal static class KubeconfigReader
    {
        public static async Task<string> ReadAsync(ClusterState state, string clusterDirectory, MultiCloudClientOptions options, CancellationToken cancellationToken)
        {
            var spec = state.Journal?.DesiredSpec ?? state.AppliedSpec
                ?? throw NotReady(state.Name, "has no spec");
            var control = state.Nodes.Where(n => n.Role == NodeRole.Control && n.Joined).OrderBy(n => n.Name, NodeNameOrder.Instance).Select(n => n.Name).ToList();
            if (control.Count == 0) throw NotReady(state.Name, "has no Kubernetes control plane yet, so there is no kubeconfig");

            var keyPath = await ClusterKeyPair.EnsureAsync(clusterDirectory, cancellationToken).ConfigureAwait(false);
            var runLog = RunLogs.NewPath(clusterDirectory);
            var shell = options.Composition.RemoteShell(new RemoteShellSetup(runLog, options.Log, options.Ssh));
            try
            {
                var context = ContextFor(state, spec, clusterDirectory, runLog, keyPath, shell, options);
                MultiCloudException? unreachable = null;
                foreach (var name in control)
                {
                    try
                    {
                        var connection = await NodeAccess.ConnectAsync(context, name, cancellationToken).ConfigureAwait(false);
                        var admin = await SecretFiles.ReadAsync(shell, connection.Target, KubeadmScripts.AdminConfig, cancellationToken).ConfigureAwait(false);
                        return Kubeconfigs.WithServer(admin, ApiEndpoint.Of(spec, state.Nodes).Url);
                    }
                    catch (MultiCloudException e) when (e.ErrorId == ErrorIds.SshConnectionFailed)
                    {
                        options.Log.Write(LogLevel.Warning, $"{name} could not be reached for the kubeconfig; trying the next control node");
                        unreachable = e;
                    }
                }
                throw unreachable!;
            }
            finally
            {
                await shell.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>A step context for reaching nodes outside a run: no plan of its own, the state's spec as the desired one.</summary>
        private static StepContext ContextFor(ClusterState state, ClusterSpec spec, string directory, string runLog, string keyPath, IRemoteShell shell, MultiCloudClientOptions options)
        {
            var step = new PlanStep { Name = "read-kubeconfig", Kind = StepKind.InitControlPlane, Description = "read the admin kubeconfig" };
            return new StepContext
            {
                Plan = new Plan { ClusterName = state.Name, Id = "kubeconfig", Desired = spec },
                Task = new PlanTask { Id = "kubeconfig", Kind = TaskKind.InitKubernetes, Description = "read the admin kubeconfig", Steps = new[] { step } },
                Step = step,
                State = state,
                Services = new RunServices
                {
                    Log = options.Log,
                    ClusterDirectory = directory,
                    RunLogPath = runLog,
                    Credentials = options.Credentials ?? new DefaultCredentialResolver(),
                    Remote = shell,
                    ClusterKeyPath = keyPath,
                },
            };
        }

        private static MultiCloudException NotReady(string name, string why) =>
            new MultiCloudException(ErrorIds.KubernetesNotReady, ErrorKind.InvalidData, $"cluster '{name}' {why}") { Target = name };
    }
}
