using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubelet;

/// <summary>
/// The kubelet's TLS bootstrap: with only a bootstrap kubeconfig (a bootstrap token), it makes a key, asks for a
/// client certificate through a CertificateSigningRequest (signer kubernetes.io/kube-apiserver-client-kubelet),
/// waits until it is approved and signed, then writes /var/lib/kubelet/pki/kubelet-client-current.pem and the
/// kubeconfig that uses it. kubeadm join waits for that kubeconfig.
/// </summary>
public static class TlsBootstrap
{
    public const string ClientPem = "/var/lib/kubelet/pki/kubelet-client-current.pem";

    public static async Task EnsureAsync(KubeletOptions options, CancellationToken ct)
    {
        if (options.KubeconfigPath != null && File.Exists(HostPaths.Path(options.KubeconfigPath))) return;
        if (options.BootstrapKubeconfigPath == null || !File.Exists(HostPaths.Path(options.BootstrapKubeconfigPath)))
            throw new CommandException($"E{DateTime.Now:MMdd HH:mm:ss.ffffff} {Environment.ProcessId,7} run.go:72] \"command failed\" err=\"failed to run Kubelet: unable to load bootstrap kubeconfig: stat {options.BootstrapKubeconfigPath ?? "/etc/kubernetes/bootstrap-kubelet.conf"}: no such file or directory\"");
        var bootstrap = Kubeconfig.Read(HostPaths.Path(options.BootstrapKubeconfigPath));
        var client = new Kubernetes(new KubernetesClientConfiguration
        {
            Host = bootstrap.Server, AccessToken = bootstrap.Token, SslCaCerts = new X509Certificate2Collection(Pki.LoadCertificate(bootstrap.CaPem)),
        });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"O=system:nodes, CN=system:node:{options.NodeName}", key, HashAlgorithmName.SHA256);
        var csrPem = PemEncoding.WriteString("CERTIFICATE REQUEST", request.CreateSigningRequest());
        var name = "csr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var csr = new V1CertificateSigningRequest
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1CertificateSigningRequestSpec
            {
                Request = Encoding.UTF8.GetBytes(csrPem + "\n"), SignerName = "kubernetes.io/kube-apiserver-client-kubelet",
                Usages = new List<string> { "digital signature", "client auth" },
            },
        };
        await client.CertificatesV1.CreateCertificateSigningRequestAsync(csr, cancellationToken: ct);
        Console.Error.WriteLine($"kubelet: waiting for client certificate (CertificateSigningRequest {name})");
        byte[]? certificate = null;
        while (certificate == null)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Delay(500, ct);
            var pending = await client.CertificatesV1.ReadCertificateSigningRequestAsync(name, cancellationToken: ct);
            if (pending.Status?.Conditions?.Any(c => c.Type == "Denied") == true)
                throw new CommandException($"kubelet: certificate request {name} was denied");
            if (pending.Status?.Certificate is { Length: > 0 } issued) certificate = issued;
        }
        var pem = Encoding.UTF8.GetString(certificate) + key.ExportECPrivateKeyPem() + "\n";
        var stamped = HostPaths.Path($"/var/lib/kubelet/pki/kubelet-client-{DateTime.UtcNow:yyyy-MM-dd-HH-mm-ss}.pem");
        Pki.WriteFile(stamped, pem, secret: true);
        var current = HostPaths.Path(ClientPem);
        File.Delete(current);
        File.CreateSymbolicLink(current, stamped);
        new Kubeconfig(bootstrap.Server, bootstrap.CaPem, "default-auth", ClusterName: "default-cluster", ClientCertFile: ClientPem)
            .Write(HostPaths.Path(options.KubeconfigPath ?? "/etc/kubernetes/kubelet.conf"));
    }

    public static Kubernetes Client(KubeletOptions options)
    {
        var kc = Kubeconfig.Read(HostPaths.Path(options.KubeconfigPath!));
        var certPem = kc.ClientCertFile != null ? File.ReadAllText(HostPaths.Path(kc.ClientCertFile)) : kc.ClientCertPem!;
        var keyPem = kc.ClientCertFile != null ? certPem : kc.ClientKeyPem!;
        return new Kubernetes(new KubernetesClientConfiguration
        {
            Host = kc.Server,
            SslCaCerts = new X509Certificate2Collection(Pki.LoadCertificate(kc.CaPem)),
            ClientCertificateData = Convert.ToBase64String(Encoding.UTF8.GetBytes(certPem)),
            ClientCertificateKeyData = Convert.ToBase64String(Encoding.UTF8.GetBytes(keyPem)),
        });
    }
}
