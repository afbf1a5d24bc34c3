using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>?watch=true: a stream of {"type","object"} lines fed by an etcd watch on the resource's prefix. Without a
/// resourceVersion (or "0") the current objects come first as ADDED, as the real watch cache sends them.</summary>
public static class Watcher
{
    public static async Task StreamAsync(HttpContext context, ObjectStore store, ResourceType type, ApiRequest api, CancellationToken ct)
    {
        var request = context.Request;
        var labels = Selectors.Labels(request.Query["labelSelector"]);
        var fields = Selectors.Fields(type, request.Query["fieldSelector"]);
        bool Wanted(JsonObject o) => labels(o) && fields(o);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (int.TryParse(request.Query["timeoutSeconds"], out var seconds) && seconds > 0) timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.StartAsync(ct);
        var rvText = request.Query["resourceVersion"].ToString();
        long from;
        if (rvText is "" or "0")
        {
            var (items, revision) = await store.ListAsync(type, api.Namespace, ct);
            foreach (var item in items.Where(Wanted)) await SendAsync(response, "ADDED", item, ct);
            from = revision + 1;
        }
        else
        {
            from = long.Parse(rvText) + 1;
        }
        try
        {
            await foreach (var e in store.Etcd.WatchAsync(type.ListPrefix(api.Namespace), from, timeout.Token))
            {
                var current = e.Deleted ? null : ObjectStore.Decode(e.Kv);
                var previous = e.Previous != null ? ObjectStore.Decode(e.Previous) : null;
                if (e.Deleted && previous != null)
                {
                    ((JsonObject)previous["metadata"]!)["resourceVersion"] = e.Kv.ModRevision.ToString();
                    if (Wanted(previous)) await SendAsync(response, "DELETED", previous, ct);
                }
                else if (current != null && (Wanted(current) || (previous != null && Wanted(previous))))
                {
                    var kind = e.Kv.CreateRevision == e.Kv.ModRevision ? "ADDED" : Wanted(current) ? "MODIFIED" : "DELETED";
                    await SendAsync(response, kind, current, ct);
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // timeoutSeconds reached: the stream ends normally and the client re-watches.
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            // etcd went away: ending the stream makes clients re-list and re-watch, as after a real watch error.
        }
    }

    private static async Task SendAsync(HttpResponse response, string type, JsonObject obj, CancellationToken ct)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), ct);
        await response.Body.FlushAsync(ct);
    }
}
