using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>
/// What kubeadm's certs, kubeconfig and control-plane phases write on a control-plane node: the cluster CAs and
/// service-account keys (made on init, downloaded on a control-plane join), the API server's serving and client
/// certificates, the kubeconfig files and the static pod manifests.
/// </summary>
public sealed class ControlPlaneFiles
{
    private readonly KubeadmSettings _settings;
    private readonly string _pki;

    public ControlPlaneFiles(KubeadmSettings settings)
    {
        _settings = settings;
        _pki = HostPaths.Path(KubeadmSettings.S(settings.Cluster, "certificatesDir"));
    }

    public string PkiDir => _pki;

    public void CreateAuthorities()
    {
        var ecdsa = _settings.Ecdsa;
        WriteCa("ca", "kubernetes", ecdsa);
        WriteCa("front-proxy-ca", "front-proxy-ca", ecdsa);
        if (!File.Exists(Path.Combine(_pki, "sa.key")))
        {
            using var rsa = RSA.Create(2048);
            Pki.WriteFile(Path.Combine(_pki, "sa.key"), rsa.ExportRSAPrivateKeyPem() + "\n", secret: true);
            Pki.WriteFile(Path.Combine(_pki, "sa.pub"), rsa.ExportSubjectPublicKeyInfoPem() + "\n", secret: false);
            Console.WriteLine("[certs] Generating \"sa\" key and public key");
        }
    }

    private void WriteCa(string file, string cn, bool ecdsa)
    {
        if (File.Exists(Path.Combine(_pki, file + ".crt"))) { Console.WriteLine($"[certs] Using existing {file} certificate authority"); return; }
        var (cert, key) = Pki.NewCa(cn, ecdsa);
        Pki.WritePair(_pki, file, cert, key);
        Console.WriteLine($"[certs] Generating \"{file}\" certificate and key");
    }

    /// <summary>apiserver, apiserver-kubelet-client and front-proxy-client for this node.</summary>
    public void CreateNodeCertificates(string nodeName, string advertiseAddress)
    {
        var ca = Pki.LoadPair(_pki, "ca");
        var ecdsa = _settings.Ecdsa;
        var domain = KubeadmSettings.S(_settings.Cluster, "networking.dnsDomain");
        var dns = new List<string> { nodeName, "kubernetes", "kubernetes.default", "kubernetes.default.svc", $"kubernetes.default.svc.{domain}" };
        var ips = new List<IPAddress> { FirstServiceIp(), IPAddress.Parse(advertiseAddress) };
        var endpointHost = Host(KubeadmSettings.S(_settings.Cluster, "controlPlaneEndpoint"));
        foreach (var san in (_settings.Cluster["apiServer"]?["certSANs"] as JsonArray ?? new JsonArray()).Select(s => s!.GetValue<string>().ToLowerInvariant()).Append(endpointHost))
        {
            if (san.Length == 0) continue;
            if (IPAddress.TryParse(san, out var ip)) ips.Add(ip); else dns.Add(san);
        }
        var spec = new CertSpec("kube-apiserver", Array.Empty<string>(), true, false, dns, ips, TimeSpan.FromDays(365));
        var (serving, servingKey) = Pki.Issue(ca, spec, ecdsa);
        Pki.WritePair(_pki, "apiserver", serving, servingKey);
        Console.WriteLine($"[certs] apiserver serving cert is signed for DNS names [{string.Join(" ", dns.Distinct())}] and IPs [{string.Join(" ", ips.Distinct())}]");
        var (kc, kcKey) = Pki.Issue(ca, CertSpec.ClientOf("kube-apiserver-kubelet-client", "kubeadm:cluster-admins"), ecdsa);
        Pki.WritePair(_pki, "apiserver-kubelet-client", kc, kcKey);
        var fpCa = Pki.LoadPair(_pki, "front-proxy-ca");
        var (fp, fpKey) = Pki.Issue(fpCa, CertSpec.ClientOf("front-proxy-client"), ecdsa);
        Pki.WritePair(_pki, "front-proxy-client", fp, fpKey);
    }

    private IPAddress FirstServiceIp()
    {
        var subnet = KubeadmSettings.S(_settings.Cluster, "networking.serviceSubnet").Split(',')[0].Split('/')[0];
        var bytes = IPAddress.Parse(subnet).GetAddressBytes();
        bytes[^1]++;
        return new IPAddress(bytes);
    }

    public static string Host(string hostPort)
    {
        if (hostPort.StartsWith('[')) return hostPort[1..hostPort.IndexOf(']')];
        var colon = hostPort.LastIndexOf(':');
        return colon > 0 ? hostPort[..colon] : hostPort;
    }

    /// <summary>admin.conf (and super-admin.conf on init), controller-manager.conf, scheduler.conf; kubelet.conf on init.</summary>
    public void WriteKubeconfigs(string nodeName, string localEndpoint, bool init)
    {
        var ca = Pki.LoadPair(_pki, "ca");
        var caPem = File.ReadAllText(Path.Combine(_pki, "ca.crt"));
        var cluster = KubeadmSettings.S(_settings.Cluster, "clusterName");
        var shared = "https://" + KubeadmSettings.S(_settings.Cluster, "controlPlaneEndpoint");
        var local = "https://" + localEndpoint;
        var dir = HostPaths.Path("/etc/kubernetes");
        void Write(string file, string server, string cn, params string[] orgs)
        {
            var (cert, key) = Pki.Issue(ca, CertSpec.ClientOf(cn, orgs), _settings.Ecdsa);
            new Kubeconfig(server, caPem, cn, Pki.CertPem(cert), key.PrivatePem, ClusterName: cluster).Write(Path.Combine(dir, file));
            Console.WriteLine($"[kubeconfig] Writing \"{file}\" kubeconfig file");
        }
        Write("admin.conf", shared, "kubernetes-admin", "kubeadm:cluster-admins");
        if (init)
        {
            Write("super-admin.conf", shared, "kubernetes-super-admin", "system:masters");
            Write("kubelet.conf", shared, $"system:node:{nodeName}", "system:nodes");
        }
        Write("controller-manager.conf", local, "system:kube-controller-manager");
        Write("scheduler.conf", local, "system:kube-scheduler");
    }

    public static void RequireCaWithKey(string pki)
    {
        foreach (var file in new[] { "ca.crt", "ca.key", "sa.key", "sa.pub", "front-proxy-ca.crt", "front-proxy-ca.key" })
            if (!File.Exists(Path.Combine(pki, file)))
                throw new CommandException($"error execution phase control-plane-prepare/certs: couldn't load the certificate authority or keys: {Path.Combine(pki, file)}: no such file or directory");
    }

    public static X509Certificate2 LoadCa(string pki) => Pki.LoadCertificate(File.ReadAllText(Path.Combine(pki, "ca.crt")));
}
