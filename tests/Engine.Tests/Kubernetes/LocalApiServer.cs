using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MultiCloud.Engine.Kubernetes.Etcd;

namespace MultiCloud.Engine.Tests.Kubernetes;

/// <summary>
/// Test double of a Kubernetes API server, in the test process: Kestrel with TLS on 127.0.0.1 (its certificate signed
/// by a CA made for the test), bearer-token authentication, and the real wire shapes (v1 Node, PodList, Eviction,
/// Status, StorageClassList, merge patches) of exactly the calls IKubernetesApi makes. It keeps objects in memory
/// and records every request.
/// </summary>
public sealed class LocalApiServer : IAsyncDisposable
{
    public const string Token = "test-token-0123456789";

    private readonly WebApplication app;
    private int resourceVersion = 100;

    public ConcurrentDictionary<string, JsonObject> Nodes { get; } = new();
    public ConcurrentDictionary<string, JsonObject> Pods { get; } = new();
    public ConcurrentDictionary<string, JsonObject> StorageClasses { get; } = new();
    public ConcurrentDictionary<string, JsonObject> LonghornNodes { get; } = new();

    /// <summary>Evictions refused with 429 (a PodDisruptionBudget) per "namespace/name" before one is allowed; -1 refuses forever.</summary>
    public ConcurrentDictionary<string, int> EvictionRefusals { get; } = new();

    /// <summary>Nodes whose next metadata patch gets a 409 conflict (another writer changed them).</summary>
    public ConcurrentDictionary<string, int> Conflicts { get; } = new();

    public ConcurrentQueue<(string Method, string Path, string? ContentType, string Body)> Requests { get; } = new();

    public PemKeyPair Authority { get; }
    public string Url { get; private set; } = "";

    private LocalApiServer(PemKeyPair authority, PemKeyPair serving)
    {
        Authority = authority;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        using var pem = X509Certificate2.CreateFromPem(serving.CertificatePem, serving.PrivateKeyPem);
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary>Starts a server whose certificate is signed by a fresh CA (or by <paramref name="signer"/>, to test a CA mismatch).</summary>
    public static async Task<LocalApiServer> StartAsync(PemKeyPair? signer = null)
    {
        var authority = EtcdPki.NewAuthority("api-test");
        var serving = EtcdPki.Issue(signer ?? authority, "kube-apiserver", CertificateUse.Server, new[] { "localhost" }, new[] { IPAddress.Loopback });
        var server = new LocalApiServer(authority, serving);
        await server.app.StartAsync();
        server.Url = server.app.Urls.Single().Replace("[::]", "127.0.0.1");
        return server;
    }

    /// <summary>A kubeconfig for this server: its URL, the test CA as certificate-authority-data, the bearer token.</summary>
    public string Kubeconfig(string? token = null) => $@"apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: {Url}
    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(Authority.CertificatePem))}
contexts:
- name: admin@test
  context:
    cluster: test
    user: admin
current-context: admin@test
users:
- name: admin
  user:
    token: {token ?? Token}
";

    public void AddNode(string name, string ready = "True", string? reason = null, JsonArray? taints = null)
    {
        Nodes[name] = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["resourceVersion"] = NextVersion(), ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = name } },
            ["spec"] = new JsonObject { ["taints"] = taints ?? new JsonArray() },
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready, ["reason"] = reason ?? (ready == "True" ? "KubeletReady" : "KubeletNotReady"), ["message"] = "kubelet says " + ready }),
            },
        };
    }

    public void AddPod(string ns, string name, string node, string? ownerKind = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns, ["resourceVersion"] = NextVersion() };
        if (ownerKind != null) metadata["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = ownerKind, ["name"] = "owner", ["uid"] = "u1" });
        Pods[ns + "/" + name] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = new JsonObject { ["nodeName"] = node } };
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private string NextVersion() => Interlocked.Increment(ref resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        Requests.Enqueue((request.Method, request.Path + request.QueryString, request.ContentType, body));
        if (request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            await Status(http, 401, "Unauthorized", "Unauthorized");
            return;
        }
        var segments = request.Path.Value!.Trim('/').Split('/');
        var route = string.Join("/", segments.Take(segments.Length - 1));
        var last = segments[^1];
        switch (request.Method, route, last)
        {
            case ("GET", "api/v1/nodes", _): await Get(http, Nodes, last); break;
            case ("PATCH", "api/v1/nodes", _): await PatchNode(http, last, body); break;
            case ("DELETE", "api/v1/nodes", _): await Delete(http, Nodes, last); break;
            case ("GET", "api/v1", "pods"): await List(http, "PodList", Pods.Values.Where(p => request.Query["fieldSelector"] == "spec.nodeName=" + (string?)p["spec"]!["nodeName"])); break;
            case ("POST", _, "eviction"): await Evict(http, segments[3], segments[5], body); break;
            case ("GET", "apis/storage.k8s.io/v1", "storageclasses"): await List(http, "StorageClassList", StorageClasses.Values.Where(c => Labelled(c, request.Query["labelSelector"]!))); break;
            case ("POST", "apis/storage.k8s.io/v1", "storageclasses"): await Create(http, StorageClasses, body); break;
            case ("DELETE", "apis/storage.k8s.io/v1/storageclasses", _): await Delete(http, StorageClasses, last); break;
            case ("PATCH", "apis/longhorn.io/v1beta2/namespaces/longhorn-system/nodes", _): await Patch(http, LonghornNodes, last, body); break;
            default: await Status(http, 404, "NotFound", "no route " + request.Method + " " + request.Path); break;
        }
    }

    private async Task PatchNode(HttpContext http, string name, string body)
    {
        if (http.Request.ContentType?.StartsWith("application/merge-patch+json", StringComparison.Ordinal) != true)
        {
            await Status(http, 415, "UnsupportedMediaType", "expected a merge patch");
            return;
        }
        var patch = JsonNode.Parse(body)!.AsObject();
        if (Nodes.TryGetValue(name, out var node) && patch["metadata"]?["resourceVersion"] is JsonNode wanted)
        {
            if (Conflicts.TryGetValue(name, out var left) && left > 0)
            {
                Conflicts[name] = left - 1;
                node["metadata"]!["resourceVersion"] = NextVersion();
            }
            if ((string?)wanted != (string?)node["metadata"]!["resourceVersion"])
            {
                await Status(http, 409, "Conflict", "the object has been modified");
                return;
            }
        }
        await Patch(http, Nodes, name, body);
    }

    private async Task Patch(HttpContext http, ConcurrentDictionary<string, JsonObject> store, string name, string body)
    {
        if (!store.TryGetValue(name, out var current))
        {
            await Status(http, 404, "NotFound", name + " not found");
            return;
        }
        var merged = (JsonObject)MergePatch(current.DeepClone(), JsonNode.Parse(body))!;
        merged["metadata"]!["resourceVersion"] = NextVersion();
        store[name] = merged;
        await Json(http, 200, merged);
    }

    private async Task Evict(HttpContext http, string ns, string name, string body)
    {
        var key = ns + "/" + name;
        var eviction = JsonNode.Parse(body)!;
        if ((string?)eviction["kind"] != "Eviction" || (string?)eviction["apiVersion"] != "policy/v1")
        {
            await Status(http, 400, "BadRequest", "expected a policy/v1 Eviction");
            return;
        }
        if (!Pods.ContainsKey(key))
        {
            await Status(http, 404, "NotFound", "pods \"" + name + "\" not found");
            return;
        }
        if (EvictionRefusals.TryGetValue(key, out var refusals) && refusals != 0)
        {
            if (refusals > 0) EvictionRefusals[key] = refusals - 1;
            await Status(http, 429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.");
            return;
        }
        Pods.TryRemove(key, out _);
        await Status(http, 201, "", "", success: true);
    }

    private async Task Get(HttpContext http, ConcurrentDictionary<string, JsonObject> store, string name)
    {
        if (store.TryGetValue(name, out var found)) await Json(http, 200, found);
        else await Status(http, 404, "NotFound", "nodes \"" + name + "\" not found");
    }

    private async Task Create(HttpContext http, ConcurrentDictionary<string, JsonObject> store, string body)
    {
        var created = JsonNode.Parse(body)!.AsObject();
        var name = (string)created["metadata"]!["name"]!;
        if (!store.TryAdd(name, created))
        {
            await Status(http, 409, "AlreadyExists", name + " already exists");
            return;
        }
        created["metadata"]!["resourceVersion"] = NextVersion();
        await Json(http, 201, created);
    }

    private async Task Delete(HttpContext http, ConcurrentDictionary<string, JsonObject> store, string name)
    {
        if (store.TryRemove(name, out _)) await Status(http, 200, "", "", success: true);
        else await Status(http, 404, "NotFound", name + " not found");
    }

    private static Task List(HttpContext http, string kind, IEnumerable<JsonObject> items)
    {
        var array = new JsonArray();
        foreach (var item in items) array.Add(item.DeepClone());
        return Json(http, 200, new JsonObject { ["apiVersion"] = "v1", ["kind"] = kind, ["metadata"] = new JsonObject { ["resourceVersion"] = "1" }, ["items"] = array });
    }

    private static bool Labelled(JsonObject item, string selector)
    {
        var parts = selector.Split('=');
        return (string?)item["metadata"]?["labels"]?[parts[0]] == parts[1];
    }

    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null) result.Remove(key);
            else result[key] = MergePatch(result[key]?.DeepClone(), value);
        }
        return result;
    }

    private static Task Status(HttpContext http, int code, string reason, string message, bool success = false) =>
        Json(http, code, new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(),
            ["status"] = success ? "Success" : "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code,
        });

    private static async Task Json(HttpContext http, int code, JsonNode body)
    {
        http.Response.StatusCode = code;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }
}
