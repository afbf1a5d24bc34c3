using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Storage
{
    /// <summary>
    /// Longhorn at its pinned version, applied server-side with kubectl on a control node (which fetches the manifest
    /// from the longhorn source itself), then one storage class per compute zone pinned to that zone's Longhorn node
    /// tag, and the zone tag on every compute node Longhorn already knows. Classes of zones that are gone are deleted.
    /// </summary>
    public sealed class InstallLonghornHandler : IStepHandler
    {
        public const int MaximumReplicas = 3;

        private readonly ClusterAccess access;

        public InstallLonghornHandler(ClusterAccess access) => this.access = access;

        public StepKind Kind => StepKind.InstallLonghorn;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var control = ClusterAccess.JoinedControlNode(context)
                ?? throw new MultiCloudException(ErrorIds.KubernetesNotReady, ErrorKind.InvalidData,
                    $"cluster '{context.Desired.Name}' has no joined control-plane node to install Longhorn from") { Target = context.Desired.Name };
            var version = KubernetesVersions.Longhorn(context.Desired);
            var manifest = KubernetesSourceUrls.For(context.Desired).LonghornManifest(version);
            var connection = await NodeAccess.ConnectAsync(context, control, cancellationToken).ConfigureAwait(false);
            var result = await context.Services.Remote.RunScriptAsync(connection.Target, "apply Longhorn " + version, LonghornScript.Render(manifest), false, cancellationToken)
                .ConfigureAwait(false);
            ScriptReport.Parse(result.StandardOutput).Require("longhorn", control, "Longhorn install");

            var api = await access.ApiAsync(context, control, cancellationToken).ConfigureAwait(false);
            var compute = context.State.Nodes.Where(n => n.Role == NodeRole.Compute && n.Joined && !context.Plan.RemovedNodes.Contains(n.Name))
                .Select(n => (Node: n, Tag: PoolTopology.For(context.Desired, KubernetesNodeFacts.PoolOf(context, n)).StorageTag)).ToList();
            var classes = StorageTask.Zones(context.Desired)
                .Select(zone => new StorageClassSpec(StorageTask.StorageClassPrefix + zone, zone, Math.Clamp(compute.Count(c => c.Tag == zone), 1, MaximumReplicas)))
                .ToList();
            await api.SyncStorageClassesAsync(classes, cancellationToken).ConfigureAwait(false);
            foreach (var (node, tag) in compute)
                await api.TagLonghornNodeAsync(node.Name, new[] { tag }, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Fetches longhorn.yaml on the control node and applies it server-side. Reports longhorn=applied.</summary>
    public static class LonghornScript
    {
        public static string Render(string manifestUrl) =>
            "# MultiCloud: apply Longhorn\n" + ScriptParts.Preamble + @"
work=$(mktemp -d)
trap 'rm -rf ""$work""' EXIT
curl -fsSL --retry 3 -o ""$work/longhorn.yaml"" " + BashText.Quote(manifestUrl) + @"
kubectl --kubeconfig " + KubeadmScripts.AdminConfig + @" apply --server-side --force-conflicts --field-manager=multicloud -f ""$work/longhorn.yaml"" >&2
report longhorn applied
";
    }
}
