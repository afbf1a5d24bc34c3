using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.ApiServer;

public sealed record KeyValue(string Key, byte[] Value, long ModRevision, long CreateRevision);

public sealed record WatchEvent(bool Deleted, KeyValue Kv, KeyValue? Previous);

/// <summary>
/// etcd's v3 API through its JSON gateway (the same port and TLS as gRPC): range, put, delete and compare-and-swap
/// transactions, and watch streams. Tries the endpoints in order, so losing one member costs one failed attempt.
/// </summary>
public sealed class EtcdClient : IDisposable
{
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly HttpClient _http;
    private int _preferred;

    public EtcdClient(IReadOnlyList<string> endpoints, string? caFile, string? certFile, string? keyFile)
    {
        _endpoints = endpoints.Select(e => new Uri(e.TrimEnd('/') + "/")).ToList();
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (caFile != null)
        {
            var ca = Pki.LoadCertificate(File.ReadAllText(caFile));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert != null && ChainsTo(new X509Certificate2(cert), ca);
        }
        if (certFile != null && keyFile != null)
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { Pki.LoadCertificateWithKeyFiles(certFile, keyFile) };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public static bool ChainsTo(X509Certificate2 cert, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(cert);
    }

    public async Task<(List<KeyValue> Kvs, long Revision)> RangeAsync(string key, bool prefix, CancellationToken ct)
    {
        var body = new JsonObject { ["key"] = B64(key) };
        if (prefix) body["range_end"] = B64(PrefixEnd(key));
        var response = await PostAsync("v3/kv/range", body, ct);
        var kvs = (response["kvs"] as JsonArray)?.Select(k => ParseKv(k!)).ToList() ?? new List<KeyValue>();
        return (kvs, Revision(response));
    }

    public async Task<KeyValue?> GetAsync(string key, CancellationToken ct) => (await RangeAsync(key, false, ct)).Kvs.FirstOrDefault();

    /// <summary>Puts the value if the key's mod revision is still <paramref name="expectedModRevision"/> (0: key absent).
    /// Returns the new revision, or null when the comparison failed.</summary>
    public async Task<long?> CompareAndPutAsync(string key, byte[] value, long expectedModRevision, CancellationToken ct)
    {
        var compare = expectedModRevision == 0
            ? new JsonObject { ["target"] = "CREATE", ["key"] = B64(key), ["create_revision"] = "0", ["result"] = "EQUAL" }
            : new JsonObject { ["target"] = "MOD", ["key"] = B64(key), ["mod_revision"] = expectedModRevision.ToString(), ["result"] = "EQUAL" };
        var body = new JsonObject
        {
            ["compare"] = new JsonArray(compare),
            ["success"] = new JsonArray(new JsonObject { ["request_put"] = new JsonObject { ["key"] = B64(key), ["value"] = Convert.ToBase64String(value) } }),
        };
        var response = await PostAsync("v3/kv/txn", body, ct);
        return response["succeeded"]?.GetValue<bool>() == true ? Revision(response) : null;
    }

    /// <summary>Deletes the key if its mod revision is still the given one; returns whether it did.</summary>
    public async Task<bool> CompareAndDeleteAsync(string key, long expectedModRevision, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["compare"] = new JsonArray(new JsonObject { ["target"] = "MOD", ["key"] = B64(key), ["mod_revision"] = expectedModRevision.ToString(), ["result"] = "EQUAL" }),
            ["success"] = new JsonArray(new JsonObject { ["request_delete_range"] = new JsonObject { ["key"] = B64(key) } }),
        };
        var response = await PostAsync("v3/kv/txn", body, ct);
        return response["succeeded"]?.GetValue<bool>() == true;
    }

    public async Task<long> CurrentRevisionAsync(CancellationToken ct)
    {
        var response = await PostAsync("v3/kv/range", new JsonObject { ["key"] = B64("/registry/"), ["range_end"] = B64("/registry0"), ["count_only"] = true }, ct);
        return Revision(response);
    }

    /// <summary>Streams the changes under a prefix from a revision on, until cancelled or the stream breaks.</summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var create = new JsonObject
        {
            ["key"] = B64(prefix), ["range_end"] = B64(PrefixEnd(prefix)), ["prev_kv"] = true,
            ["start_revision"] = fromRevision.ToString(),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoints[_preferred], "v3/watch"))
        {
            Content = JsonContent.Create(new JsonObject { ["create_request"] = create }),
        };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (!ct.IsCancellationRequested)
        {
            var line = await reader.ReadLineAsync(ct);
            if (line == null) yield break;
            if (line.Length == 0) continue;
            var result = JsonNode.Parse(line)?["result"];
            if (result?["events"] is not JsonArray events) continue;
            foreach (var e in events)
            {
                var deleted = e!["type"]?.GetValue<string>() == "DELETE";
                var prev = e["prev_kv"] is { } p ? ParseKv(p) : null;
                yield return new WatchEvent(deleted, ParseKv(e["kv"]!), prev);
            }
        }
    }

    private async Task<JsonObject> PostAsync(string path, JsonObject body, CancellationToken ct)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < _endpoints.Count; attempt++)
        {
            var index = (_preferred + attempt) % _endpoints.Count;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(15));
                using var response = await _http.PostAsync(new Uri(_endpoints[index], path), JsonContent.Create(body), timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    last = new IOException($"etcd {_endpoints[index]}: {(int)response.StatusCode} {text}");
                    continue;
                }
                _preferred = index;
                return (JsonObject)JsonNode.Parse(text)!;
            }
            catch (Exception error) when (error is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                last = error;
            }
        }
        throw new EtcdUnavailableException("etcd: no endpoint answered: " + last?.Message, last);
    }

    private static KeyValue ParseKv(JsonNode kv) => new(
        Encoding.UTF8.GetString(Convert.FromBase64String(kv["key"]!.GetValue<string>())),
        kv["value"] is { } v ? Convert.FromBase64String(v.GetValue<string>()) : Array.Empty<byte>(),
        long.Parse(kv["mod_revision"]?.GetValue<string>() ?? "0"),
        long.Parse(kv["create_revision"]?.GetValue<string>() ?? "0"));

    private static long Revision(JsonNode response) => long.Parse(response["header"]?["revision"]?.GetValue<string>() ?? "0");

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public void Dispose() => _http.Dispose();
}

public sealed class EtcdUnavailableException : Exception
{
    public EtcdUnavailableException(string message, Exception? inner) : base(message, inner) { }
}
