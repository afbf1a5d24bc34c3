using System.Diagnostics;
using MultiCloud.Engine.Kubernetes;
using MultiCloud.Engine.Kubernetes.Etcd;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Planning;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Tests.Kubernetes;

/// <summary>Every configuration and script the Kubernetes layer renders, against golden files (MC_UPDATE_GOLDEN=1 regenerates them).</summary>
public sealed class KubernetesGoldenTests
{
    private const string Token = "abcdef.0123456789abcdef";
    private const string CertificateKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string CaHash = "sha256:7c2a8f1f6cfd2d0a4f0e6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f70819";

    private static readonly ClusterSpec Spec = ClusterSpecs.Static() with
    {
        Kubernetes = ClusterSpecs.Static().Kubernetes with { Version = "v1.32.3", ControlPools = new[] { "control" } },
    };

    private static readonly IReadOnlyList<NodeState> Nodes = new[]
    {
        Node("control-1", NodeRole.Control, "10.20.0.1", "192.168.10.11"),
        Node("workers-1", NodeRole.Compute, "10.20.0.2", "192.168.10.21"),
        Node("lb-1", NodeRole.LoadBalancer, "10.20.0.4", "192.168.10.5") with { Pool = "lb" },
    };

    private static readonly KubeadmNode Control = new("control-1", "10.20.0.1", KubeadmConfig.RegistrationTaints(Spec.Pool<StaticNodePoolSpec>("control"), NodeRole.Control));
    private static readonly KubeadmNode Worker = new("workers-1", "10.20.0.2", new[] { new TaintSpec("dedicated", "db", TaintEffect.NoSchedule) });

    public static TheoryData<string> Files => new() { "kubeadm-init.yaml", "kubeadm-join-control.yaml", "kubeadm-join-worker.yaml", "containerd-config.toml",
        "10-multicloud.conflist", "etcd-first.conf.yml", "etcd-joining.conf.yml", "multicloud-etcd.service", "multicloud-pod-masquerade.service",
        "prepare-kubernetes-control.sh", "prepare-kubernetes-compute.sh", "kubeadm-init.sh", "kubeadm-join.sh", "join-token.sh", "kubeadm-reset.sh",
        "etcd-add-member.sh", "etcd-remove-member.sh", "etcd-install.sh", "read-secret.sh", "longhorn.sh" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Render_ExampleCluster_MatchesGoldenFile(string name) => GoldenFile.AssertMatches("kubernetes/" + name, Render(name));

    [Theory]
    [InlineData("kubeadm-init.yaml", new[] { "InitConfiguration", "ClusterConfiguration", "KubeletConfiguration" })]
    [InlineData("kubeadm-join-control.yaml", new[] { "JoinConfiguration" })]
    public void Render_KubeadmDocuments_AreV1Beta4WithListExtraArgs(string name, string[] kinds)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Render(name)));

        Assert.Equal(kinds, stream.Documents.Select(d => ((YamlScalarNode)((YamlMappingNode)d.RootNode)["kind"]).Value));
        foreach (var document in stream.Documents.Take(kinds.Length - (kinds.Length > 1 ? 1 : 0)))
            Assert.Equal("kubeadm.k8s.io/v1beta4", ((YamlScalarNode)((YamlMappingNode)document.RootNode)["apiVersion"]).Value);
        var registration = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["nodeRegistration"];
        var nodeIp = (YamlMappingNode)((YamlSequenceNode)registration["kubeletExtraArgs"]).Children.Single();
        Assert.Equal(("node-ip", "10.20.0.1"), (((YamlScalarNode)nodeIp["name"]).Value, ((YamlScalarNode)nodeIp["value"]).Value));
    }

    [Fact]
    public void ApiEndpoint_LoadBalancerWithoutDns_IsItsNodesAddressOnTheRolesPort()
    {
        var endpoint = ApiEndpoint.Of(Spec, Nodes);

        Assert.Equal("https://192.168.10.5:6443", endpoint.Url);
        Assert.Equal(new[] { "192.168.10.5" }, endpoint.CertificateNames);
    }

    [Fact]
    public void ApiEndpoint_LoadBalancerWithDns_IsTheNameAndCoversEveryName()
    {
        var spec = Spec with { LoadBalancers = new[] { ClusterSpecs.ApiLoadBalancer("api", "lb", new DnsSpec { Zone = "example.com", Provider = "cf", Hostname = "k8s", AlternativeNames = new[] { "api" } }) } };

        var endpoint = ApiEndpoint.Of(spec, Nodes);

        Assert.Equal("k8s.example.com:6443", endpoint.HostPort);
        Assert.Equal(new[] { "k8s.example.com", "api.example.com", "192.168.10.5" }, endpoint.CertificateNames);
    }

    [Fact]
    public void CaCertHash_Certificate_IsSha256OfItsPublicKeyInfo()
    {
        var authority = EtcdPki.NewAuthority("hash");
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(authority.CertificatePem);
        var expected = "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo())).ToLowerInvariant();

        Assert.Equal(expected, KubernetesNodeFacts.CaCertHash(authority.CertificatePem));
        Assert.Matches("^sha256:[0-9a-f]{64}$", expected);
    }

    [Fact]
    public void NewBootstrapToken_Twice_HasKubeadmsFormAndDiffers()
    {
        var first = KubernetesNodeFacts.NewBootstrapToken();

        Assert.Matches("^[a-z0-9]{6}\\.[a-z0-9]{16}$", first);
        Assert.NotEqual(first, KubernetesNodeFacts.NewBootstrapToken());
    }

    [Fact]
    public void Kubeconfigs_WithServer_PointsEveryClusterAtTheEndpoint()
    {
        var admin = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: QQ==\n    server: https://10.20.0.1:6443\n  name: kubernetes\n";

        Assert.Contains("    server: https://192.168.10.5:6443\n", Kubeconfigs.WithServer(admin, "https://192.168.10.5:6443"));
    }

    [Fact]
    public async Task SecretFilesScript_RunByBashWithOpenssl_DecryptsToTheFile()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "apiVersion: v1\nusers:\n- name: admin\n  user:\n    client-key-data: c2VjcmV0\n");
        try
        {
            var passphrase = SecretFiles.NewPassphrase();
            var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            using var bash = Process.Start(start)!;
            await bash.StandardInput.WriteAsync(SecretFiles.Script(file, passphrase));
            bash.StandardInput.Close();
            var output = await bash.StandardOutput.ReadToEndAsync();
            await bash.WaitForExitAsync();

            Assert.True(bash.ExitCode == 0, await bash.StandardError.ReadToEndAsync());
            Assert.DoesNotContain("c2VjcmV0", output);
            var wrapped = MultiCloud.Engine.Remote.ScriptReport.Parse(output).Get("wrapped")!;
            Assert.Equal(await File.ReadAllTextAsync(file), SecretFiles.Decrypt(wrapped, passphrase, "local", file));
            Assert.Equal(await File.ReadAllTextAsync(file), SecretFiles.Decrypt(SimulatedNodes.Encrypt(await File.ReadAllTextAsync(file), passphrase), passphrase, "local", file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Decrypt_WrongPassphrase_FailsNamingNodeAndFile()
    {
        var wrapped = SimulatedNodes.Encrypt("secret", SecretFiles.NewPassphrase());

        var error = Assert.Throws<MultiCloudException>(() => SecretFiles.Decrypt(wrapped, SecretFiles.NewPassphrase(), "control-1", "/etc/kubernetes/admin.conf"));

        Assert.Equal("control-1", error.Target);
        Assert.Contains("/etc/kubernetes/admin.conf", error.Message);
    }

    [Fact]
    public void EtcdPki_IssuedCertificates_ChainToTheAuthorityWithTheirNamesAndUses()
    {
        var authority = EtcdPki.NewAuthority("onprem");
        var server = EtcdPki.Issue(authority, "control-1", CertificateUse.Server, new[] { "control-1" }, new[] { System.Net.IPAddress.Parse("10.20.0.1") });
        var client = EtcdPki.Issue(authority, "kube-apiserver-etcd-client", CertificateUse.Client, new string[0], new System.Net.IPAddress[0]);

        using var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(authority.CertificatePem);
        using var leaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(server.CertificatePem, server.PrivateKeyPem);
        using var clientLeaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(client.CertificatePem);
        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
        chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;

        Assert.True(chain.Build(leaf), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal("1.2.840.10045.2.1", leaf.PublicKey.Oid.Value);
        Assert.Contains("10.20.0.1", leaf.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.DoesNotContain("1.3.6.1.5.5.7.3.1", clientLeaf.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.True(ca.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    private static string Render(string name)
    {
        var endpoint = ApiEndpoint.Of(Spec, Nodes);
        var sources = KubernetesSourceUrls.For(Spec);
        var member = new EtcdMember("control-1", "10.20.0.1");
        var joining = new EtcdMember("control-2", "10.20.0.2");
        var pem = new PemKeyPair("-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n", "-----BEGIN PRIVATE KEY-----\nTEST\n-----END PRIVATE KEY-----\n");
        return name switch
        {
            "kubeadm-init.yaml" => KubeadmConfig.Init(Spec, Control, endpoint, new JoinSecrets(Token, CertificateKey)),
            "kubeadm-join-control.yaml" => KubeadmConfig.Join(Control, endpoint, Token, CaHash, CertificateKey),
            "kubeadm-join-worker.yaml" => KubeadmConfig.Join(Worker, endpoint, Token, CaHash, null),
            "containerd-config.toml" => NodeRuntimeConfig.Containerd(),
            "10-multicloud.conflist" => NodeRuntimeConfig.CniConflist("10.244.1.0/24", 1380),
            "etcd-first.conf.yml" => EtcdConfig.Render("onprem", member, new[] { member }, newCluster: true),
            "etcd-joining.conf.yml" => EtcdConfig.Render("onprem", joining, new[] { member, joining }, newCluster: false),
            "multicloud-etcd.service" => EtcdConfig.Unit(),
            "multicloud-pod-masquerade.service" => PrepareKubernetesScript.MasqueradeUnitText("10.244.1.0/24", "10.244.0.0/16"),
            "prepare-kubernetes-control.sh" => PrepareKubernetesScript.Render(new KubernetesNodeSetup(NodeRole.Control, "10.244.0.0/24", "10.244.0.0/16", "v1.32.3", 1380, sources)),
            "prepare-kubernetes-compute.sh" => PrepareKubernetesScript.Render(new KubernetesNodeSetup(NodeRole.Compute, "10.244.1.0/24", "10.244.0.0/16", "v1.32.3", 1380, sources)),
            "kubeadm-init.sh" => KubeadmScripts.Init(KubeadmConfig.Init(Spec, Control, endpoint, new JoinSecrets(Token, CertificateKey))),
            "kubeadm-join.sh" => KubeadmScripts.Join(KubeadmConfig.Join(Worker, endpoint, Token, CaHash, null)),
            "join-token.sh" => KubeadmScripts.CreateJoinToken("control-2", Token, CertificateKey),
            "kubeadm-reset.sh" => KubeadmScripts.Reset(),
            "etcd-add-member.sh" => EtcdScripts.AddMember(joining),
            "etcd-remove-member.sh" => EtcdScripts.RemoveMember(joining),
            "etcd-install.sh" => EtcdScripts.Install("v3.5.16", sources.EtcdArchive("v3.5.16", "${arch}"), new EtcdMemberFiles(pem, pem, pem, pem, EtcdConfig.Render("onprem", member, new[] { member }, true))),
            "read-secret.sh" => SecretFiles.Script("/etc/kubernetes/admin.conf", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
            "longhorn.sh" => Storage.LonghornScript.Render(sources.LonghornManifest("v1.9.1")),
            _ => throw new ArgumentException(name),
        };
    }

    private static NodeState Node(string name, NodeRole role, string mesh, string endpoint) => new()
    {
        Name = name, Pool = name.Substring(0, name.LastIndexOf('-')), Role = role, MeshAddress = mesh, PublicAddress = endpoint,
    };
}
