using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.KubeDoubles.ApiServer;

public sealed record ApiUser(string Name, IReadOnlyList<string> Groups)
{
    public static readonly ApiUser Anonymous = new("system:anonymous", new[] { "system:unauthenticated" });

    public bool IsAdmin => Groups.Contains("system:masters") || Groups.Contains("kubeadm:cluster-admins");
}

/// <summary>
/// Who a request is: a client certificate signed by --client-ca-file (user = CN, groups = O, as kube-apiserver's x509
/// authenticator), a bootstrap token "id.secret" checked against its Secret (--enable-bootstrap-token-auth), or anonymous.
/// </summary>
public sealed class Authentication
{
    private static readonly ResourceType SecretType = BuiltinResources.All.Single(t => t.Kind == "Secret");
    private readonly X509Certificate2 _clientCa;
    private readonly ObjectStore _store;
    private readonly bool _bootstrapTokens;

    public Authentication(X509Certificate2 clientCa, ObjectStore store, bool bootstrapTokens)
    {
        _clientCa = clientCa;
        _store = store;
        _bootstrapTokens = bootstrapTokens;
    }

    public async Task<ApiUser> AuthenticateAsync(HttpContext context, CancellationToken ct)
    {
        var cert = context.Connection.ClientCertificate;
        if (cert != null)
        {
            if (!EtcdClient.ChainsTo(cert, _clientCa)) throw Unauthorized();
            var cn = cert.GetNameInfo(X509NameType.SimpleName, false);
            var orgs = cert.SubjectName.EnumerateRelativeDistinguishedNames()
                .Where(r => r.GetSingleElementType().Value == "2.5.4.10")
                .Select(r => r.GetSingleElementValue() ?? "").ToList();
            return new ApiUser(cn, orgs.Append("system:authenticated").ToList());
        }
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return await BootstrapTokenUserAsync(header["Bearer ".Length..].Trim(), ct) ?? throw Unauthorized();
        }
        return ApiUser.Anonymous;
    }

    private async Task<ApiUser?> BootstrapTokenUserAsync(string token, CancellationToken ct)
    {
        if (!_bootstrapTokens) return null;
        var parts = token.Split('.');
        if (parts.Length != 2 || parts[0].Length != 6 || parts[1].Length != 16) return null;
        var secret = await _store.GetAsync(SecretType, "kube-system", "bootstrap-token-" + parts[0], ct);
        if (secret?["type"]?.GetValue<string>() != "bootstrap.kubernetes.io/token") return null;
        var data = secret["data"];
        string Field(string name) => data?[name] is { } v ? Encoding.UTF8.GetString(Convert.FromBase64String(v.GetValue<string>())) : "";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Field("token-secret")), Encoding.UTF8.GetBytes(parts[1])))
            return null;
        if (Field("usage-bootstrap-authentication") != "true") return null;
        if (BootstrapTokens.Expired(Field("expiration"))) return null;
        var groups = new List<string> { "system:bootstrappers" };
        groups.AddRange(Field("auth-extra-groups").Split(',', StringSplitOptions.RemoveEmptyEntries));
        groups.Add("system:authenticated");
        return new ApiUser("system:bootstrap:" + parts[0], groups);
    }

    private static ApiError Unauthorized() => new(401, "Unauthorized", "Unauthorized");
}

/// <summary>Bootstrap token rules shared by the API double, the controller-manager double and kubeadm.</summary>
public static class BootstrapTokens
{
    public static bool Expired(string expiration) =>
        expiration.Length > 0 && DateTimeOffset.TryParse(expiration, out var at) && at < DateTimeOffset.UtcNow;
}

/// <summary>
/// What a user may do. A stand-in for kubeadm's RBAC bindings and the Node authorizer, reduced to the identities
/// kubeadm creates: admins everything; nodes and control-plane components what their roles allow (here: everything);
/// bootstrappers their CSRs and the ConfigMaps a join reads; anonymous the cluster-info ConfigMap.
/// </summary>
public static class Authorization
{
    private static readonly HashSet<string> JoinConfigMaps = new() { "kubeadm-config", "kubelet-config", "kube-proxy" };

    public static bool Allows(ApiUser user, string verb, ResourceType type, string? ns, string? name)
    {
        if (user.IsAdmin || user.Groups.Contains("system:nodes")) return true;
        if (user.Name is "system:kube-controller-manager" or "system:kube-scheduler") return true;
        var readOnly = verb is "get";
        if (type.Kind == "ConfigMap" && ns == "kube-public" && name == "cluster-info" && readOnly) return true;
        if (!user.Groups.Contains("system:bootstrappers")) return false;
        if (type.Kind == "CertificateSigningRequest") return verb is "create" or "get" or "list" or "watch";
        if (type.Kind == "ConfigMap" && ns == "kube-system" && name != null && JoinConfigMaps.Contains(name)) return readOnly;
        if (type.Kind == "Node" && readOnly) return true;
        // kubeadm's "kubeadm:kubeadm-certs" Role: a joining control plane reads the encrypted certificates.
        if (type.Kind == "Secret" && ns == "kube-system" && name == "kubeadm-certs") return readOnly;
        return false;
    }
}
