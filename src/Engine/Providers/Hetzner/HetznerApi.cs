using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers.Hetzner
{
    /// <summary>
    /// The Hetzner Cloud API calls the provider makes: paged lists (by name or label_selector), single resources,
    /// creates and deletes, and waiting for actions (every change runs as an action with a status to poll).
    /// </summary>
    internal sealed class HetznerApi : IDisposable
    {
        private const int PageSize = 50;

        public HetznerApi(RestApiClient client) => Client = client;

        public RestApiClient Client { get; }

        public string Provider => Client.Provider;

        /// <summary>Every item of a list ("servers", "firewalls" …), following meta.pagination.next_page.</summary>
        public async Task<IReadOnlyList<JsonElement>> ListAsync(string collection, string operation, CancellationToken cancellationToken,
            params (string Name, string? Value)[] filters)
        {
            var items = new List<JsonElement>();
            for (int? page = 1; page != null;)
            {
                var query = filters.Concat(new[] { ("page", (string?)Number(page.Value)), ("per_page", (string?)Number(PageSize)) }).ToArray();
                var body = await Client.SendAsync(HttpMethod.Get, RestApiClient.Query(collection, query), null, operation, cancellationToken).ConfigureAwait(false)
                    ?? throw Unexpected(operation, "an empty answer");
                if (!body.TryGetProperty(collection, out var list) || list.ValueKind != JsonValueKind.Array) throw Unexpected(operation, $"no '{collection}' list");
                items.AddRange(list.EnumerateArray());
                page = NextPage(body);
            }
            return items;
        }

        /// <summary>The one item of that exact name, or null.</summary>
        public async Task<JsonElement?> FindByNameAsync(string collection, string name, string operation, CancellationToken cancellationToken)
        {
            var found = await ListAsync(collection, operation, cancellationToken, ("name", name)).ConfigureAwait(false);
            return found.Where(item => Text(item, "name") == name).Cast<JsonElement?>().FirstOrDefault();
        }

        public Task<JsonElement?> SendAsync(HttpMethod method, string path, JsonNode? body, string operation, CancellationToken cancellationToken, bool absentIsNull = false) =>
            Client.SendAsync(method, path, body, operation, cancellationToken, absentIsNull);

        /// <summary>Polls each action until it succeeded; an action that ended in error fails with its code and message.</summary>
        public async Task WaitForActionsAsync(IEnumerable<JsonElement> actions, string operation, CancellationToken cancellationToken)
        {
            foreach (var action in actions)
            {
                var current = action;
                var deadline = DateTimeOffset.UtcNow + Client.Retry.OperationTimeout;
                while (Text(current, "status") == "running")
                {
                    if (DateTimeOffset.UtcNow > deadline)
                        throw CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Failed, Provider, operation,
                            $"action {Text(current, "command")} ({Id(current)}) was still running after {Client.Retry.OperationTimeout.TotalMinutes:0} minutes",
                            "look at the action in the Hetzner console, then run again");
                    await Task.Delay(Client.Retry.PollInterval, cancellationToken).ConfigureAwait(false);
                    var polled = await Client.SendAsync(HttpMethod.Get, "actions/" + Id(current), null, operation, cancellationToken).ConfigureAwait(false)
                        ?? throw Unexpected(operation, "an empty action");
                    current = polled.GetProperty("action");
                }
                if (Text(current, "status") != "success")
                {
                    var error = current.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
                    var code = error.ValueKind == JsonValueKind.Object ? Text(error, "code") : "unknown";
                    var message = error.ValueKind == JsonValueKind.Object ? Text(error, "message") : "no message";
                    var id = code == "resource_limit_exceeded" || code == "placement_error" ? ErrorIds.CloudQuotaExceeded : ErrorIds.CloudRequestFailed;
                    throw CloudErrors.Create(id, ErrorKind.Failed, Provider, operation, $"action {Text(current, "command")} failed: {message} ({code})",
                        "run again; if it persists, look at the action in the Hetzner console", cloudCode: code);
                }
            }
        }

        /// <summary>The actions of an answer: "action" (one) or "actions" (several).</summary>
        public static IEnumerable<JsonElement> ActionsOf(JsonElement? body)
        {
            if (body is not { ValueKind: JsonValueKind.Object } root) yield break;
            if (root.TryGetProperty("action", out var one) && one.ValueKind == JsonValueKind.Object) yield return one;
            if (root.TryGetProperty("actions", out var many) && many.ValueKind == JsonValueKind.Array)
                foreach (var action in many.EnumerateArray()) yield return action;
        }

        public static string Id(JsonElement item) => item.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

        public static string Text(JsonElement item, string property) =>
            item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

        public static IReadOnlyDictionary<string, string> Labels(JsonElement item)
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("labels", out var map) && map.ValueKind == JsonValueKind.Object)
                foreach (var label in map.EnumerateObject()) labels[label.Name] = label.Value.GetString() ?? "";
            return labels;
        }

        /// <summary>"k==v,k2==v2": Hetzner's label selector for all of these labels.</summary>
        public static string Selector(IEnumerable<KeyValuePair<string, string>> labels) =>
            string.Join(",", labels.Select(label => label.Key + "==" + label.Value));

        public CloudException Unexpected(string operation, string what) =>
            CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Failed, Provider, operation, "the API answered with " + what,
                "check that the endpoint setting names the Hetzner Cloud API");

        public void Dispose() => Client.Dispose();

        private static int? NextPage(JsonElement body) =>
            body.TryGetProperty("meta", out var meta) && meta.TryGetProperty("pagination", out var pagination)
            && pagination.TryGetProperty("next_page", out var next) && next.ValueKind == JsonValueKind.Number ? next.GetInt32() : null;

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
