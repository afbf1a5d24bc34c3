using System.Security.Cryptography;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>
/// kubeadm's copycerts: the control-plane CAs and keys in Secret kube-system/kubeadm-certs, each value encrypted with
/// AES-256-GCM under the certificate key (nonce prepended, as kubeadm's cryptoutil does), so that a control-plane
/// join with the right key can download them.
/// </summary>
public static class CertificateUpload
{
    private static IEnumerable<(string SecretKey, string Path)> Files(KubeadmSettings settings)
    {
        var pki = KubeadmSettings.S(settings.Cluster, "certificatesDir");
        foreach (var name in new[] { "ca.crt", "ca.key", "front-proxy-ca.crt", "front-proxy-ca.key", "sa.key", "sa.pub" })
            yield return (name, $"{pki}/{name}");
        if (settings.Cluster["etcd"]?["external"] is JsonObject ext)
        {
            yield return ("external-etcd-ca.crt", KubeadmSettings.S(ext, "caFile"));
            yield return ("external-etcd.crt", KubeadmSettings.S(ext, "certFile"));
            yield return ("external-etcd.key", KubeadmSettings.S(ext, "keyFile"));
        }
        else
        {
            yield return ("etcd-ca.crt", $"{pki}/etcd/ca.crt");
            yield return ("etcd-ca.key", $"{pki}/etcd/ca.key");
        }
    }

    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static async Task UploadAsync(Kubernetes client, KubeadmSettings settings, string key)
    {
        Console.WriteLine("[upload-certs] Storing the certificates in Secret \"kubeadm-certs\" in the \"kube-system\" Namespace");
        var keyBytes = Convert.FromHexString(key);
        var data = new Dictionary<string, byte[]>();
        foreach (var (name, path) in Files(settings))
        {
            var file = HostPaths.Path(path);
            if (!File.Exists(file)) continue;
            data[name] = Encrypt(File.ReadAllBytes(file), keyBytes);
        }
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "kubeadm-certs", NamespaceProperty = "kube-system" }, Type = "Opaque", Data = data };
        try { await client.CoreV1.CreateNamespacedSecretAsync(secret, "kube-system"); }
        catch (Exception error) when (ClusterClient.IsStatus(error, System.Net.HttpStatusCode.Conflict))
        {
            await client.CoreV1.ReplaceNamespacedSecretAsync(secret, "kubeadm-certs", "kube-system");
        }
    }

    public static async Task DownloadAsync(Kubernetes client, KubeadmSettings settings, string key)
    {
        Console.WriteLine("[download-certs] Downloading the certificates in Secret \"kubeadm-certs\" in the \"kube-system\" Namespace");
        V1Secret secret;
        try { secret = await client.CoreV1.ReadNamespacedSecretAsync("kubeadm-certs", "kube-system"); }
        catch (Exception error) when (ClusterClient.IsStatus(error, System.Net.HttpStatusCode.NotFound))
        {
            throw new CommandException("error execution phase control-plane-prepare/download-certs: error downloading certs: error downloading the secret: Secret \"kubeadm-certs\" was not found in the \"kube-system\" Namespace. This Secret might have expired. Please, run `kubeadm init phase upload-certs --upload-certs` on a control plane to generate a new one");
        }
        var keyBytes = Convert.FromHexString(key);
        foreach (var (name, path) in Files(settings))
        {
            if (secret.Data == null || !secret.Data.TryGetValue(name, out var sealedBytes)) continue;
            byte[] plain;
            try { plain = Decrypt(sealedBytes, keyBytes); }
            catch (CryptographicException)
            {
                throw new CommandException("error execution phase control-plane-prepare/download-certs: error downloading certs: error decoding secret data with provided key: cipher: message authentication failed");
            }
            Pki.WriteFile(HostPaths.Path(path), System.Text.Encoding.UTF8.GetString(plain), secret: name.EndsWith(".key", StringComparison.Ordinal));
        }
    }

    private static byte[] Encrypt(byte[] plain, byte[] key)
    {
        using var aes = new AesGcm(key, 16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        aes.Encrypt(nonce, plain, cipher, tag);
        return nonce.Concat(cipher).Concat(tag).ToArray();
    }

    private static byte[] Decrypt(byte[] sealedBytes, byte[] key)
    {
        using var aes = new AesGcm(key, 16);
        var nonce = sealedBytes[..12];
        var cipher = sealedBytes[12..^16];
        var tag = sealedBytes[^16..];
        var plain = new byte[cipher.Length];
        aes.Decrypt(nonce, cipher, tag, plain);
        return plain;
    }
}
