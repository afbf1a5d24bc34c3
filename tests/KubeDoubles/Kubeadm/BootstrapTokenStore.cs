using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>Bootstrap tokens as kubeadm stores them: Secret kube-system/bootstrap-token-ID of type bootstrap.kubernetes.io/token.</summary>
public static class BootstrapTokenStore
{
    public const string DefaultGroup = "system:bootstrappers:kubeadm:default-node-token";

    public static string NewToken()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        string Random(int n) => new(Enumerable.Range(0, n).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
        return $"{Random(6)}.{Random(16)}";
    }

    public static async Task CreateAsync(Kubernetes client, string token, TimeSpan ttl, IReadOnlyList<string> usages,
        IReadOnlyList<string> groups, string description, bool failIfExists)
    {
        var match = KubeadmSettings.TokenFormat().Match(token);
        if (!match.Success)
            throw new CommandException($"the bootstrap token \"{token}\" was not of the form \"^([a-z0-9]{{6}})\\.([a-z0-9]{{16}})$\"");
        var id = match.Groups[1].Value;
        var data = new Dictionary<string, byte[]>
        {
            ["token-id"] = Encoding.UTF8.GetBytes(id),
            ["token-secret"] = Encoding.UTF8.GetBytes(match.Groups[2].Value),
        };
        if (description.Length > 0) data["description"] = Encoding.UTF8.GetBytes(description);
        if (ttl > TimeSpan.Zero)
            data["expiration"] = Encoding.UTF8.GetBytes((DateTime.UtcNow + ttl).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        foreach (var usage in usages)
        {
            if (usage is not ("signing" or "authentication"))
                throw new CommandException($"invalid bootstrap token usage string: {usage}, valid usage options: signing, authentication");
            data["usage-bootstrap-" + usage] = Encoding.UTF8.GetBytes("true");
        }
        if (groups.Count > 0) data["auth-extra-groups"] = Encoding.UTF8.GetBytes(string.Join(",", groups));
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "bootstrap-token-" + id, NamespaceProperty = "kube-system" },
            Type = "bootstrap.kubernetes.io/token",
            Data = data,
        };
        try
        {
            await client.CoreV1.CreateNamespacedSecretAsync(secret, "kube-system");
        }
        catch (Exception error) when (ClusterClient.IsStatus(error, System.Net.HttpStatusCode.Conflict))
        {
            if (failIfExists) throw new CommandException($"a token with id \"{id}\" already exists");
            await client.CoreV1.ReplaceNamespacedSecretAsync(secret, secret.Metadata.Name, "kube-system");
        }
    }
}
