using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Mesh
{
    /// <summary>Makes sure the node has a WireGuard key pair and records its public key.</summary>
    public sealed class GenerateMeshKeysHandler : IStepHandler
    {
        private static readonly Regex PublicKeyPattern = new Regex("^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$");

        public StepKind Kind => StepKind.GenerateMeshKeys;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
            var result = await context.Services.Remote.RunScriptAsync(connection.Target, "generate mesh key", MeshKeyScript.Render(), false, cancellationToken)
                .ConfigureAwait(false);

            var publicKey = ScriptReport.Parse(result.StandardOutput).Require("public-key", target, "mesh key");
            if (!PublicKeyPattern.IsMatch(publicKey))
            {
                throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                    $"node {target} reported '{publicKey}' as its WireGuard public key, which is not a WireGuard key")
                { Target = target };
            }

            return NodeStateUpdates.Change(target, node =>
                NodeStateUpdates.WithHostKey(node, connection.LearnedHostKey) with { WireGuardPublicKey = publicKey });
        }
    }
}
