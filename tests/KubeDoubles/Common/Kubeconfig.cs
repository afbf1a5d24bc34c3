using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace MultiCloud.KubeDoubles.Common;

/// <summary>A kubeconfig file with one cluster, one user and one context, as kubeadm writes them.</summary>
public sealed record Kubeconfig(string Server, string CaPem, string User, string? ClientCertPem = null,
    string? ClientKeyPem = null, string? Token = null, string ClusterName = "kubernetes", string? ClientCertFile = null)
{
    public string ToYaml()
    {
        var user = new JsonObject();
        if (ClientCertFile != null)
        {
            user["client-certificate"] = ClientCertFile;
            user["client-key"] = ClientCertFile;
        }
        else if (ClientCertPem != null)
        {
            user["client-certificate-data"] = B64(ClientCertPem);
            user["client-key-data"] = B64(ClientKeyPem!);
        }
        if (Token != null) user["token"] = Token;
        var context = $"{User}@{ClusterName}";
        var doc = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["clusters"] = new JsonArray(new JsonObject
            {
                ["cluster"] = new JsonObject { ["certificate-authority-data"] = B64(CaPem), ["server"] = Server },
                ["name"] = ClusterName,
            }),
            ["contexts"] = new JsonArray(new JsonObject
            {
                ["context"] = new JsonObject { ["cluster"] = ClusterName, ["user"] = User },
                ["name"] = context,
            }),
            ["current-context"] = context,
            ["kind"] = "Config",
            ["preferences"] = new JsonObject(),
            ["users"] = new JsonArray(new JsonObject { ["name"] = User, ["user"] = user }),
        };
        return YamlJson.ToYaml(doc);
    }

    public void Write(string path) => Pki.WriteFile(path, ToYaml(), secret: true);

    public static Kubeconfig Read(string path)
    {
        var doc = YamlJson.Documents(File.ReadAllText(path)).Single();
        var cluster = doc["clusters"]![0]!["cluster"]!;
        var userEntry = doc["users"]![0]!;
        var user = userEntry["user"]!;
        var ca = Unb64(cluster["certificate-authority-data"]?.GetValue<string>())
            ?? File.ReadAllText(cluster["certificate-authority"]!.GetValue<string>());
        var certFile = user["client-certificate"]?.GetValue<string>();
        return new Kubeconfig(
            cluster["server"]!.GetValue<string>(), ca, userEntry["name"]!.GetValue<string>(),
            Unb64(user["client-certificate-data"]?.GetValue<string>()) ?? (certFile != null ? File.ReadAllText(certFile) : null),
            Unb64(user["client-key-data"]?.GetValue<string>()) ?? ReadKey(user["client-key"]?.GetValue<string>()),
            user["token"]?.GetValue<string>(), doc["clusters"]![0]!["name"]!.GetValue<string>(), certFile);
    }

    private static string? ReadKey(string? file) => file != null ? File.ReadAllText(file) : null;

    public X509Certificate2? ClientCertificate() =>
        ClientCertPem == null ? null : Pki.LoadCertificateWithKey(ClientCertPem, ClientKeyPem!);

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string? Unb64(string? text) => text == null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(text));
}
