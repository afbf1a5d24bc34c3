using k8s;
using k8s.Models;
using MultiCloud.KubeDoubles.ApiServer;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Controllers;

/// <summary>bootstrapsigner + tokencleaner: cluster-info carries a JWS for every live signing token and none for others;
/// expired token Secrets are deleted.</summary>
public static class BootstrapSigner
{
    public static async Task RunAsync(Kubernetes client)
    {
        var secrets = await client.CoreV1.ListNamespacedSecretAsync("kube-system", fieldSelector: "type=bootstrap.kubernetes.io/token");
        var live = new Dictionary<string, string>();
        foreach (var secret in secrets.Items)
        {
            var id = ControllerManager.Text(secret.Data, "token-id");
            if (BootstrapTokens.Expired(ControllerManager.Text(secret.Data, "expiration")))
            {
                await client.CoreV1.DeleteNamespacedSecretAsync(secret.Metadata.Name, "kube-system");
                continue;
            }
            if (ControllerManager.Text(secret.Data, "usage-bootstrap-signing") == "true")
                live[id] = ControllerManager.Text(secret.Data, "token-secret");
        }
        V1ConfigMap info;
        try { info = await client.CoreV1.ReadNamespacedConfigMapAsync("cluster-info", "kube-public"); }
        catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return; }
        if (info.Data == null || !info.Data.TryGetValue("kubeconfig", out var content)) return;
        var wanted = new Dictionary<string, string> { ["kubeconfig"] = content };
        foreach (var (id, secretPart) in live) wanted[ClusterInfo.JwsPrefix + id] = ClusterInfo.Sign(content, id, secretPart);
        if (wanted.Count == info.Data.Count && wanted.All(w => info.Data.TryGetValue(w.Key, out var v) && v == w.Value)) return;
        info.Data = wanted;
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(info, "cluster-info", "kube-public");
    }
}
