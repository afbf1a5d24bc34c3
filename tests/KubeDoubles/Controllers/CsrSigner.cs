using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Controllers;

/// <summary>csrapproving + csrsigning for kubelet client certificates: a request from a bootstrap token or a node for
/// "system:node:NAME" in "system:nodes" is approved and signed by the cluster CA (one year); others are left alone.</summary>
public static class CsrSigner
{
    public const string KubeletClientSigner = "kubernetes.io/kube-apiserver-client-kubelet";

    public static async Task RunAsync(Kubernetes client, X509Certificate2 ca)
    {
        var list = await client.CertificatesV1.ListCertificateSigningRequestAsync();
        foreach (var listed in list.Items.Where(c => c.Spec.SignerName == KubeletClientSigner && c.Status?.Certificate == null))
        {
            var csr = listed;
            var request = CertificateRequest.LoadSigningRequestPem(Encoding.UTF8.GetString(csr.Spec.Request), HashAlgorithmName(),
                CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
            var cn = request.SubjectName.EnumerateRelativeDistinguishedNames().FirstOrDefault(r => r.GetSingleElementType().Value == "2.5.4.3")?.GetSingleElementValue() ?? "";
            var orgs = request.SubjectName.EnumerateRelativeDistinguishedNames().Where(r => r.GetSingleElementType().Value == "2.5.4.10").Select(r => r.GetSingleElementValue()).ToList();
            var requester = csr.Spec.Username ?? "";
            var fromBootstrap = requester.StartsWith("system:bootstrap:", StringComparison.Ordinal) || requester == cn;
            if (!cn.StartsWith("system:node:", StringComparison.Ordinal) || orgs.Count != 1 || orgs[0] != "system:nodes" || !fromBootstrap) continue;
            if (csr.Status?.Conditions?.Any(c => c.Type == "Approved") != true)
            {
                csr.Status ??= new V1CertificateSigningRequestStatus();
                csr.Status.Conditions = new List<V1CertificateSigningRequestCondition>
                {
                    new() { Type = "Approved", Status = "True", Reason = "AutoApproved", Message = "Auto approving kubelet client certificate after SubjectAccessReview." },
                };
                csr = await client.CertificatesV1.ReplaceCertificateSigningRequestApprovalAsync(csr, csr.Metadata.Name);
            }
            var cert = Pki.Sign(ca, request, CertSpec.ClientOf(cn, "system:nodes"));
            csr.Status!.Certificate = Encoding.UTF8.GetBytes(Pki.CertPem(cert));
            await client.CertificatesV1.ReplaceCertificateSigningRequestStatusAsync(csr, csr.Metadata.Name);
        }
    }

    private static System.Security.Cryptography.HashAlgorithmName HashAlgorithmName() => System.Security.Cryptography.HashAlgorithmName.SHA256;
}
