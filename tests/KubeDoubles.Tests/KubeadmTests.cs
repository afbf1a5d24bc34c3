using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using k8s;
using MultiCloud.KubeDoubles.Common;
using MultiCloud.KubeDoubles.Tests.Infrastructure;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.KubeDoubles.Tests;

/// <summary>The kubeadm double: kubeadm's flag sets and strict decoding, the certificates it issues, and discovery
/// refusing a wrong token or CA hash, against the cluster its init made.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class KubeadmTests
{
    private readonly LocalCluster cluster;

    public KubeadmTests(LocalCluster cluster) => this.cluster = cluster;

    /// <summary>A scratch node root for one test, removed whatever the test's outcome.</summary>
    private static async Task InScratch(Func<string, Task> test)
    {
        var dir = Directory.CreateTempSubdirectory("mc-kubeadm-").FullName;
        try { await test(dir); }
        finally { Directory.Delete(dir, true); }
    }

    [LabTheory]
    [InlineData("controlPlaneEndpoint:", "controlPlaneEndpont:", "strict decoding error: unknown field \"controlPlaneEndpont\"")]
    [InlineData("  podSubnet:", "  podSubnett:", "strict decoding error: unknown field \"networking.podSubnett\"")]
    [InlineData("bindPort: ", "bindPort: six", "json: cannot unmarshal string into Go struct field InitConfiguration.localAPIEndpoint.bindPort of type int32")]
    public Task ConfigValidate_MisspeltFieldOrWrongType_FailsNamingIt(string field, string wrong, string message) => InScratch(async dir =>
    {
        var file = Path.Combine(dir, "bad.yaml");
        var config = Regex.Replace(cluster.InitConfig(), Regex.Escape(field) + (field.StartsWith("bindPort") ? @"\d+" : ""), wrong);
        await File.WriteAllTextAsync(file, config);
        var result = await Doubles.KubeadmAsync(dir, "config", "validate", "--config", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.StandardError);
    });

    [LabFact]
    public Task Init_MisspeltField_WarnsAndGoesOnAsKubeadmDoes() => InScratch(async dir =>
    {
        var file = Path.Combine(dir, "init.yaml");
        await File.WriteAllTextAsync(file, cluster.InitConfig().Replace("clusterName:", "clustername:"));
        var result = await Doubles.KubeadmAsync(dir, "init", "--config", file);
        Assert.Matches(@"W\d{4} .*strict decoding error: unknown field ""clustername""", result.StandardError);
        // It went on to preflight, which stops it: the cluster's own API server holds the port.
        Assert.Contains($"[ERROR Port-{cluster.ApiPort}]: Port {cluster.ApiPort} is in use", result.StandardError);
        Assert.Equal(1, result.ExitCode);
    });

    [LabTheory]
    [InlineData(new[] { "init", "--pod-network-cidr-typo=10.0.0.0/8" }, "unknown flag: --pod-network-cidr-typo")]
    [InlineData(new[] { "join", "--config", "/dev/null", "--control-plane", "--certificate-key", "00" }, "can not mix '--config' with arguments [certificate-key control-plane]")]
    [InlineData(new[] { "token", "create", "--ttl", "15q" }, "invalid argument \"15q\" for \"--ttl\" flag")]
    [InlineData(new[] { "token", "create", "not-a-token" }, "the bootstrap token \"not-a-token\" was not of the form")]
    [InlineData(new[] { "upgrade", "apply" }, "unknown command \"upgrade\" for \"kubeadm\"")]
    public async Task Command_WhatKubeadmRejects_FailsWithItsMessage(string[] args, string message)
    {
        var result = await Doubles.KubeadmAsync(cluster.Control.Root, args);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.StandardError);
    }

    [LabFact]
    public async Task Version_Short_IsTheRealVersion()
    {
        var result = await Doubles.KubeadmAsync(cluster.Control.Root, "version", "-o", "short");
        Assert.Equal("v1.32.3", result.StandardOutput.Trim());
    }

    [LabFact]
    public void Certificates_ApiServer_CarriesTheAskedSans()
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(cluster.Control.Pki, "ca.crt")));
        var cert = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(cluster.Control.Pki, "apiserver.crt")));
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        var dns = san.EnumerateDnsNames().ToList();
        var ips = san.EnumerateIPAddresses().Select(i => i.ToString()).ToList();
        Assert.Contains(LocalCluster.ExtraDnsSan, dns);
        Assert.Contains("control-1", dns);
        Assert.Contains("kubernetes.default.svc.cluster.local", dns);
        Assert.Contains(LocalCluster.ExtraIpSan, ips);
        Assert.Contains("127.0.0.1", ips);
        Assert.Contains("10.96.0.1", ips);
        Assert.Equal(ca.Subject, cert.Issuer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(cert));
        var admin = Kubeconfig.Read(cluster.Control.AdminConf).ClientCertificate()!;
        Assert.Equal("O=kubeadm:cluster-admins, CN=kubernetes-admin", admin.Subject);
    }

    [LabFact]
    public async Task UploadCerts_Secret_OpensWithThePrintedKeyOnly()
    {
        var key = Regex.Match(cluster.InitOutput, @"Using certificate key:\n([0-9a-f]{64})").Groups[1].Value;
        using var client = cluster.Client();
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("kubeadm-certs", "kube-system");
        var sealedCa = secret.Data["ca.crt"];
        using var aes = new AesGcm(Convert.FromHexString(key), 16);
        var plain = new byte[sealedCa.Length - 28];
        aes.Decrypt(sealedCa[..12], sealedCa[12..^16], sealedCa[^16..], plain);
        Assert.Equal(File.ReadAllBytes(Path.Combine(cluster.Control.Pki, "ca.crt")), plain);
        Assert.True(secret.Data.ContainsKey("external-etcd.key"));
    }

    private async Task<(string Token, string Hash)> NewTokenAsync()
    {
        var created = await Doubles.KubeadmAsync(cluster.Control.Root, "token", "create", "--ttl", "15m");
        Assert.True(created.Succeeded, created.StandardError);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(cluster.Control.Pki, "ca.crt")));
        return (created.StandardOutput.Trim(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(ca.PublicKey.ExportSubjectPublicKeyInfo())));
    }

    [LabTheory]
    [InlineData("unknown-id", "token id \"zzzzzz\" is invalid for this cluster or it has expired")]
    [InlineData("wrong-secret", "failed to verify JWS signature of received cluster info object, can't trust this API Server")]
    [InlineData("wrong-hash", "cluster CA found in cluster-info ConfigMap is invalid: none of the public keys")]
    public Task Join_WrongTokenOrCaHash_IsRefusedAtDiscovery(string wrong, string message) => InScratch(async dir =>
    {
        var (token, hash) = await NewTokenAsync();
        if (wrong == "unknown-id") token = "zzzzzz" + token[6..];
        if (wrong == "wrong-secret") token = token[..7] + "0123456789abcdef";
        if (wrong == "wrong-hash") hash = "sha256:" + new string('0', 64);
        var result = await Doubles.KubeadmAsync(dir, "join", cluster.Endpoint, "--token", token, "--discovery-token-ca-cert-hash", hash, "--node-name", "worker-x");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.StandardError);
        Assert.False(File.Exists(Path.Combine(dir, "etc/kubernetes/bootstrap-kubelet.conf")));
    });

    [LabFact]
    public Task JoinControlPlane_WrongCertificateKey_CannotOpenTheCertificates() => InScratch(async dir =>
    {
        var (token, hash) = await NewTokenAsync();
        var result = await Doubles.KubeadmAsync(dir, "join", cluster.Endpoint, "--token", token, "--discovery-token-ca-cert-hash", hash,
            "--control-plane", "--certificate-key", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            "--apiserver-advertise-address", "127.0.0.1", "--apiserver-bind-port", FreePorts.Next().ToString(), "--node-name", "control-x");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error decoding secret data with provided key: cipher: message authentication failed", result.StandardError);
    });

    [LabFact]
    public async Task TokenCreate_ClusterInfo_IsSignedForTheNewToken()
    {
        var (token, _) = await NewTokenAsync();
        using var client = cluster.Client();
        var info = await client.CoreV1.ReadNamespacedConfigMapAsync("cluster-info", "kube-public");
        var jws = info.Data["jws-kubeconfig-" + token[..6]];
        Assert.True(ClusterInfo.Verify(jws, info.Data["kubeconfig"], token[..6], token[7..]));
        Assert.Equal(IPAddress.Loopback.ToString(), new Uri(ClusterInfo.Parse(info.Data["kubeconfig"]).Server).Host);
    }
}
