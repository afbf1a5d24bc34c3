using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>
/// Token-based discovery as kubeadm join does it: fetch cluster-info without trusting the server, check the JWS the
/// bootstrapsigner made with this token, check the CA against the pinned public key hashes, then talk to the
/// cluster with the token and the now trusted CA.
/// </summary>
public static class TokenDiscovery
{
    public sealed record Result(string Server, X509Certificate2 Ca, string CaPem);

    public static async Task<Result> RunAsync(JsonObject join, TimeSpan timeout)
    {
        var bt = join["discovery"]!["bootstrapToken"]!;
        var endpoint = KubeadmSettings.S(bt, "apiServerEndpoint");
        var token = KubeadmSettings.S(bt, "token");
        var match = KubeadmSettings.TokenFormat().Match(token);
        var (id, secret) = (match.Groups[1].Value, match.Groups[2].Value);
        var insecure = ClusterClient.Insecure("https://" + endpoint);
        Console.WriteLine("[preflight] Reading configuration from the cluster...");
        var info = await ClusterClient.RetryAsync(() => insecure.CoreV1.ReadNamespacedConfigMapAsync("cluster-info", "kube-public"), timeout,
            $"error execution phase preflight: couldn't validate the identity of the API Server: failed to request the cluster-info ConfigMap");
        var kubeconfig = (info.Data != null && info.Data.TryGetValue("kubeconfig", out var kc) ? kc : null)
            ?? throw new CommandException("error execution phase preflight: couldn't validate the identity of the API Server: there is no kubeconfig in the cluster-info ConfigMap");
        if (!info.Data!.TryGetValue(ClusterInfo.JwsPrefix + id, out var jws))
            throw new CommandException($"error execution phase preflight: couldn't validate the identity of the API Server: token id \"{id}\" is invalid for this cluster or it has expired. Use \"kubeadm token create\" on the control-plane node to create a new valid token");
        if (!ClusterInfo.Verify(jws, kubeconfig, id, secret))
            throw new CommandException("error execution phase preflight: couldn't validate the identity of the API Server: failed to verify JWS signature of received cluster info object, can't trust this API Server");
        var (server, caPem) = ClusterInfo.Parse(kubeconfig);
        var ca = Pki.LoadCertificate(caPem);
        if (bt["unsafeSkipCAVerification"]?.GetValue<bool>() != true)
        {
            var pins = (bt["caCertHashes"] as JsonArray ?? new JsonArray()).Select(h => h!.GetValue<string>().ToLowerInvariant()).ToList();
            foreach (var pin in pins.Where(p => !p.StartsWith("sha256:", StringComparison.Ordinal)))
                throw new CommandException($"error execution phase preflight: couldn't validate the identity of the API Server: invalid hash \"{pin}\", expected \"format:hex-value\"");
            var actual = Pki.PublicKeyPin(ca);
            if (!pins.Contains(actual))
                throw new CommandException($"error execution phase preflight: couldn't validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys \"{actual}\" are pinned");
        }
        Console.WriteLine("[preflight] Cluster info signature and contents are valid and TLS certificate validates against pinned roots, will use API Server \"" + endpoint + "\"");
        return new Result(server, ca, caPem);
    }

    public static Kubernetes Client(Result found, string token) => ClusterClient.WithToken(found.Server, token, found.Ca);
}
