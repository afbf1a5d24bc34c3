using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.Common;

/// <summary>
/// The kube-public/cluster-info ConfigMap: a kubeconfig with the cluster's server and CA, and one detached JWS per
/// signing bootstrap token (data key "jws-kubeconfig-ID", HS256 keyed with the token secret, header
/// {"alg":"HS256","kid":ID}) as kube-controller-manager's bootstrapsigner writes and kubeadm join verifies.
/// </summary>
public static class ClusterInfo
{
    public const string JwsPrefix = "jws-kubeconfig-";

    public static string Kubeconfig(string server, string caPem)
    {
        var doc = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["clusters"] = new JsonArray(new JsonObject
            {
                ["cluster"] = new JsonObject
                {
                    ["certificate-authority-data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem)), ["server"] = server,
                },
                ["name"] = "",
            }),
            ["contexts"] = null, ["current-context"] = "", ["kind"] = "Config", ["preferences"] = new JsonObject(), ["users"] = null,
        };
        return YamlJson.ToYaml(doc);
    }

    public static (string Server, string CaPem) Parse(string kubeconfig)
    {
        var cluster = YamlJson.Documents(kubeconfig).Single()["clusters"]![0]!["cluster"]!;
        var ca = Encoding.UTF8.GetString(Convert.FromBase64String(cluster["certificate-authority-data"]!.GetValue<string>()));
        return (cluster["server"]!.GetValue<string>(), ca);
    }

    public static string Sign(string content, string tokenId, string tokenSecret)
    {
        var header = B64Url(Encoding.UTF8.GetBytes($"{{\"alg\":\"HS256\",\"kid\":\"{tokenId}\"}}"));
        var payload = B64Url(Encoding.UTF8.GetBytes(content));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(tokenSecret), Encoding.ASCII.GetBytes(header + "." + payload));
        return header + ".." + B64Url(signature);
    }

    public static bool Verify(string detached, string content, string tokenId, string tokenSecret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(detached), Encoding.ASCII.GetBytes(Sign(content, tokenId, tokenSecret)));

    private static string B64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
