using System.Linq;
using System.Security.Cryptography;
using System.Text;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>What the Kubernetes handlers look up about a node: its pool, pod network, kubeadm registration.</summary>
    public static class KubernetesNodeFacts
    {
        /// <summary>The node's pool in the desired spec, else in the specs the state remembers (a node that is leaving).</summary>
        public static NodePoolSpec PoolOf(StepContext context, NodeState node) =>
            new[] { context.Desired, context.State.Journal?.DesiredSpec, context.State.AppliedSpec }
                .OfType<ClusterSpec>().Select(spec => SpecQueries.FindPool(spec, node.Pool)).FirstOrDefault(pool => pool != null)
            ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData, $"node {node.Name} belongs to pool {node.Pool}, which no spec has") { Target = node.Name };

        public static string PodCidrOf(StepContext context, NodeState node) =>
            NodeAccess.Planned(context, node.Name)?.PodCidr ?? node.PodCidr
            ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                $"node {node.Name} has no pod network in the plan or the state; only Kubernetes nodes get one") { Target = node.Name };

        public static KubeadmNode KubeadmNodeOf(StepContext context, NodeState node) =>
            new KubeadmNode(node.Name, node.MeshAddress, KubeadmConfig.RegistrationTaints(PoolOf(context, node), node.Role));

        /// <summary>A bootstrap token as kubeadm wants it: [a-z0-9]{6}.[a-z0-9]{16}, from a cryptographic random source.</summary>
        public static string NewBootstrapToken()
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            var text = new StringBuilder(23);
            for (var i = 0; i < 22; i++)
            {
                if (i == 6) text.Append('.');
                text.Append(alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
            }
            return text.ToString();
        }

        /// <summary>kubeadm's discovery hash of a CA certificate: "sha256:" + hex SHA-256 of its SubjectPublicKeyInfo.</summary>
        public static string CaCertHash(string caCertificatePem)
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(caCertificatePem);
            var info = certificate.PublicKey.ExportSubjectPublicKeyInfo();
            return "sha256:" + System.Convert.ToHexString(SHA256.HashData(info)).ToLowerInvariant();
        }
    }
}
