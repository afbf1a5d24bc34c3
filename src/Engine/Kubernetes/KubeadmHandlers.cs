using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>
    /// kubeadm init on the first control node, never twice (the script keeps a control plane that answers), with a
    /// bootstrap token and certificate key made here and redacted before they are sent; then the node's pod network
    /// is set through the API and the run waits until the node is Ready.
    /// </summary>
    public sealed class InitControlPlaneHandler : IStepHandler
    {
        private readonly ClusterAccess access;

        public InitControlPlaneHandler(ClusterAccess access) => this.access = access;

        public StepKind Kind => StepKind.InitControlPlane;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var node = NodeAccess.RegisteredNode(context, target);
            var secrets = new JoinSecrets(KubernetesNodeFacts.NewBootstrapToken(), SecretFiles.NewPassphrase());
            context.Services.Remote.Redact(secrets.Token);
            context.Services.Remote.Redact(secrets.CertificateKey);
            var endpoint = ApiEndpoint.Of(context.Desired, context.State.Nodes);
            var config = KubeadmConfig.Init(context.Desired, KubernetesNodeFacts.KubeadmNodeOf(context, node), endpoint, secrets);
            var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
            var result = await context.Services.Remote.RunScriptAsync(connection.Target, "kubeadm init", KubeadmScripts.Init(config), false, cancellationToken).ConfigureAwait(false);
            var report = RenderedConfig.Accepted(result, target, "init");
            var outcome = report.Require("init", target, "kubeadm init");
            RenderedConfig.LogReset(context, report, target, "init");
            context.Services.Log.Write(LogLevel.Verbose, $"{target}: kubeadm init {outcome}");

            // No control node has joined yet, so the API is reached with this node's admin.conf.
            await JoinedNode.RegisterAsync(access, context, node, through: target, cancellationToken).ConfigureAwait(false);
            return NodeStateUpdates.Change(target, current => NodeStateUpdates.WithHostKey(current, connection.LearnedHostKey) with { Joined = true });
        }
    }

    /// <summary>
    /// kubeadm join of a control node (one per step, so one at a time) or of workers (in parallel). A node the API
    /// already lists with a running kubelet is kept; otherwise a fresh token (and for control nodes a certificate key)
    /// is made on a running control node and the node joins, after a reset when a join stopped part way.
    /// </summary>
    public sealed class JoinNodesHandler : IStepHandler
    {
        private readonly ClusterAccess access;

        public JoinNodesHandler(ClusterAccess access, StepKind kind)
        {
            if (kind != StepKind.JoinControlPlane && kind != StepKind.JoinWorkers) throw new ArgumentOutOfRangeException(nameof(kind));
            this.access = access;
            Kind = kind;
        }

        public StepKind Kind { get; }

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var node = NodeAccess.RegisteredNode(context, target);
            var api = await access.ApiAsync(context, null, cancellationToken).ConfigureAwait(false);
            var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
            var shell = context.Services.Remote;
            var registered = await api.GetNodeReadinessAsync(target, cancellationToken).ConfigureAwait(false) != null;
            var joined = registered && ScriptReport.Parse((await shell.RunScriptAsync(connection.Target, "is the node joined", KubeadmScripts.JoinedProbe(), false, cancellationToken)
                .ConfigureAwait(false)).StandardOutput).Require("joined", target, "join probe") == "yes";
            if (!joined) await JoinAsync(context, node, connection.Target, cancellationToken).ConfigureAwait(false);

            await JoinedNode.RegisterAsync(access, context, node, through: null, cancellationToken).ConfigureAwait(false);
            return NodeStateUpdates.Change(target, current => NodeStateUpdates.WithHostKey(current, connection.LearnedHostKey) with { Joined = true });
        }

        private async Task JoinAsync(StepContext context, State.NodeState node, SshTarget target, CancellationToken cancellationToken)
        {
            var shell = context.Services.Remote;
            var token = KubernetesNodeFacts.NewBootstrapToken();
            var certificateKey = Kind == StepKind.JoinControlPlane ? SecretFiles.NewPassphrase() : null;
            shell.Redact(token);
            if (certificateKey != null) shell.Redact(certificateKey);

            var controlName = ClusterAccess.JoinedControlNode(context)!;
            var control = await NodeAccess.ConnectAsync(context, controlName, cancellationToken).ConfigureAwait(false);
            var created = await shell.RunScriptAsync(control.Target, "bootstrap token for " + node.Name, KubeadmScripts.CreateJoinToken(node.Name, token, certificateKey), false, cancellationToken)
                .ConfigureAwait(false);
            var ca = Encoding.ASCII.GetString(Convert.FromBase64String(ScriptReport.Parse(created.StandardOutput).Require("ca-cert", controlName, "bootstrap token")));

            var config = KubeadmConfig.Join(KubernetesNodeFacts.KubeadmNodeOf(context, node), ApiEndpoint.Of(context.Desired, context.State.Nodes), token,
                KubernetesNodeFacts.CaCertHash(ca), certificateKey);
            var result = await shell.RunScriptAsync(target, "kubeadm join", KubeadmScripts.Join(config), false, cancellationToken).ConfigureAwait(false);
            var report = RenderedConfig.Accepted(result, node.Name, "join");
            report.Require("join", node.Name, "kubeadm join");
            RenderedConfig.LogReset(context, report, node.Name, "join");
            context.Services.Log.Write(LogLevel.Verbose, $"{node.Name}: kubeadm join done");
        }
    }

    /// <summary>The answer of an init or join script, unless kubeadm's strict check refused the configuration MultiCloud rendered.</summary>
    internal static class RenderedConfig
    {
        public static ScriptReport Accepted(RemoteResult result, string node, string command)
        {
            var report = ScriptReport.Parse(result.StandardOutput);
            if (report.Get("kubeadm-config") != "invalid") return report;
            throw new MultiCloudException(ErrorIds.ConfigValidationFailed, ErrorKind.InvalidData,
                $"kubeadm config validate rejected the {command} configuration for node {node}, so kubeadm {command} did not run and nothing changed on the node. " +
                "Correct the manifest value it names (pool labels or taints, networks, version); if it names a field MultiCloud writes itself, " +
                "the node's kubeadm is not the version the manifest pins. kubeadm said:" + Environment.NewLine + string.Join(Environment.NewLine, report.OtherLines))
            { Target = node };
        }

        /// <summary>
        /// Says so when the script first undid an init or join that had stopped part way (a run killed or cut during
        /// it): the user then knows why the node's kubelet restarted and its Kubernetes files are new.
        /// </summary>
        public static void LogReset(StepContext context, ScriptReport report, string node, string command)
        {
            if (report.Get("reset") != "yes") return;
            context.Services.Log.Write(LogLevel.Warning,
                $"{node}: a kubeadm {command} that stopped part way had left files behind; they were removed with kubeadm reset -f before kubeadm {command} ran again");
        }
    }

    /// <summary>
    /// After init or join: a wait until the kubelet reports Ready (the node's CNI configuration is in place from its
    /// preparation, so Ready does not wait for anything MultiCloud does later), then its pod network set through the API.
    /// </summary>
    internal static class JoinedNode
    {
        public static async Task RegisterAsync(ClusterAccess access, StepContext context, State.NodeState node, string? through, CancellationToken cancellationToken)
        {
            var api = await access.ApiAsync(context, through, cancellationToken).ConfigureAwait(false);
            await api.WaitForNodeReadyAsync(node.Name, access.Options.NodeReadyTimeout, cancellationToken).ConfigureAwait(false);
            await api.SetPodCidrAsync(node.Name, KubernetesNodeFacts.PodCidrOf(context, node), cancellationToken).ConfigureAwait(false);
        }
    }
}
