using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Mesh
{
    /// <summary>
    /// Writes one member's wg0.conf. The step's targets are the peer set: every target lists all the other targets
    /// as peers, with their public keys, mesh and public addresses as the state holds them (leaving nodes that are
    /// still peers are in state, not among the plan's final nodes).
    /// </summary>
    public sealed class WriteMeshConfigHandler : IStepHandler
    {
        public StepKind Kind => StepKind.WriteMeshConfig;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var template = RenderFor(context, target);
            var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
            var result = await context.Services.Remote.RunScriptAsync(connection.Target, "write mesh config", MeshConfigScript.Render(template), false, cancellationToken)
                .ConfigureAwait(false);

            var report = ScriptReport.Parse(result.StandardOutput);
            var outcome = report.Require("mesh", target, "mesh configuration");
            context.Services.Log.Write(LogLevel.Verbose, $"{target}: mesh configuration {outcome} ({report.Get("action")})");
            var podCidr = NodeAccess.Planned(context, target)?.PodCidr;
            var self = NodeAccess.RegisteredNode(context, target);
            if (connection.LearnedHostKey is null && (podCidr is null || self.PodCidr == podCidr)) return null;
            // A node registered before pod networks existed gets the /24 the plan allocated, now that its peers route it.
            return NodeStateUpdates.Change(target, node =>
                NodeStateUpdates.WithHostKey(node, connection.LearnedHostKey) with { PodCidr = node.PodCidr ?? podCidr });
        }

        /// <summary>The wg0.conf template of <paramref name="target"/> (private key still a marker).</summary>
        public static string RenderFor(StepContext context, string target)
        {
            var self = NodeAccess.RegisteredNode(context, target);
            var peers = context.Step.Targets.Where(name => name != target).Select(name => PeerOf(context, name)).ToList();
            var network = context.Desired.Kubernetes.Network;
            var meshInterface = new MeshInterface(target, MeshAddressOf(context, self), WireGuardConfig.PrefixLength(network), context.Desired.Kubernetes.Mtu);
            return WireGuardConfig.Render(meshInterface, peers);
        }

        private static MeshPeer PeerOf(StepContext context, string name)
        {
            var node = NodeAccess.RegisteredNode(context, name);
            var missing = new List<string>();
            if (string.IsNullOrEmpty(node.WireGuardPublicKey)) missing.Add("a WireGuard public key");
            if (string.IsNullOrEmpty(node.PublicAddress)) missing.Add("a public address");
            if (missing.Count > 0)
            {
                throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                    $"mesh peer {name} has no {string.Join(" and no ", missing)} in the cluster state; the mesh key step must run on it first")
                { Target = name };
            }
            return new MeshPeer(name, node.WireGuardPublicKey!, MeshAddressOf(context, node), node.PublicAddress!,
                NodeAccess.Planned(context, name)?.PodCidr ?? node.PodCidr);
        }

        /// <summary>The address the plan allocated, which is the one state records; state alone for nodes leaving.</summary>
        private static string MeshAddressOf(StepContext context, NodeState node) =>
            NodeAccess.Planned(context, node.Name)?.MeshAddress ?? node.MeshAddress;
    }
}
