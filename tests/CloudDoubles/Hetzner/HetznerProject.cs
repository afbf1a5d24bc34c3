using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.CloudDoubles.Hetzner;

/// <summary>
/// The state of the double's one project and the answers about it: servers, SSH keys, firewalls, actions. Every
/// resource is also in the <see cref="ResourceLedger"/> (api "hetzner", type "server", "ssh_key" or "firewall").
/// </summary>
public sealed partial class HetznerProject
{
    private readonly object gate = new();
    private readonly ResourceLedger ledger;
    private readonly IMachineBackend backend;
    private readonly Dictionary<long, HetznerServer> servers = new();
    private readonly Dictionary<long, HetznerSshKey> sshKeys = new();
    private readonly Dictionary<long, HetznerFirewall> firewalls = new();
    private readonly Dictionary<long, HetznerAction> actions = new();
    private long nextId = 1000;

    public HetznerProject(ResourceLedger ledger, IMachineBackend backend)
    {
        this.ledger = ledger;
        this.backend = backend;
    }

    /// <summary>How many polls an action stays "running" before it succeeds (the provider must poll).</summary>
    public int ActionPolls { get; set; } = 1;

    /// <summary>Called after a server exists and before the create is answered: a test cancels the run there, as a crash after the cloud made it.</summary>
    public Func<HetznerServer, Task>? AfterServerCreated { get; set; }

    public IReadOnlyList<HetznerServer> Servers { get { lock (gate) return servers.Values.ToList(); } }
    public IReadOnlyList<HetznerFirewall> Firewalls { get { lock (gate) return firewalls.Values.ToList(); } }
    public IReadOnlyList<HetznerSshKey> SshKeys { get { lock (gate) return sshKeys.Values.ToList(); } }

    public IResult ListServers(IQueryCollection query)
    {
        lock (gate) return Page("servers", Filter(servers.Values, s => s.Name, s => s.Labels, query).Select(s => s.Json()), query);
    }

    public IResult GetServer(long id)
    {
        lock (gate) return servers.TryGetValue(id, out var server) ? ApiJson.Answer(200, new JsonObject { ["server"] = server.Json() }) : NotFound("server", id);
    }

    public async Task<IResult> CreateServerAsync(JsonObject? body, CancellationToken aborted)
    {
        if (body is null) return HetznerDouble.Error(400, "json_error", "the request body is not a JSON object");
        var name = ApiJson.Text(body, "name") ?? "";
        var serverType = ApiJson.Text(body, "server_type") ?? "";
        var image = ApiJson.Text(body, "image") ?? "";
        var datacenter = ApiJson.Text(body, "datacenter") ?? (ApiJson.Text(body, "location") is { } location && HetznerCatalog.Locations.Any(l => l.Name == location) ? HetznerCatalog.DatacenterOf(location) : null);
        var userData = ApiJson.Text(body, "user_data") ?? "";
        var labels = ApiJson.Map(body["labels"]);
        var keys = (body["ssh_keys"] as JsonArray ?? new JsonArray()).Select(k => k!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? k.GetValue<long>() : -1).ToList();

        var invalid = new List<(string Field, string Message)>();
        if (!HostName.IsValid(name)) invalid.Add(("name", "must be a valid hostname"));
        if (HetznerCatalog.ServerTypes.All(t => t.Name != serverType)) invalid.Add(("server_type", "server type not found"));
        if (HetznerCatalog.Images.All(i => i.Name != image && i.Id.ToString(CultureInfo.InvariantCulture) != image)) invalid.Add(("image", "image not found"));
        if (datacenter is null || !HetznerCatalog.Datacenters.ContainsKey(datacenter)) invalid.Add(("location", "location or datacenter not found"));
        else if (HetznerCatalog.ServerTypes.FirstOrDefault(t => t.Name == serverType) is { } type && !HetznerCatalog.Offers(type, HetznerCatalog.Datacenters[datacenter]))
            invalid.Add(("server_type", "server type not available in this location"));
        if (userData.Length > 32 * 1024) invalid.Add(("user_data", "must be at most 32 KiB"));
        if (LabelRules.Problem(labels) is { } labelProblem) invalid.Add(("labels", labelProblem));
        lock (gate)
        {
            if (keys.Any(k => !sshKeys.ContainsKey(k))) invalid.Add(("ssh_keys", "SSH key not found"));
            if (invalid.Count > 0) return InvalidInput(invalid);
            if (servers.Values.Any(s => s.Name == name)) return HetznerDouble.Error(409, "uniqueness_error", "server name is already used", Fields(("name", "is already used")));
        }

        var booted = await backend.BootAsync(name, userData, CancellationToken.None);
        HetznerServer server;
        HetznerAction action;
        lock (gate)
        {
            server = new HetznerServer
            {
                Id = nextId++, Name = name, Labels = labels, ServerType = serverType, Datacenter = datacenter!, Image = image, SshKeys = keys, UserData = userData,
                Ipv4 = booted.PublicAddress,
            };
            servers[server.Id] = server;
            ledger.Put(new LedgerEntry("hetzner", "server", Key(server.Id), server.Labels));
            action = NewAction("create_server", (server.Id, "server"));
            server.Status = "running";
        }
        if (AfterServerCreated is { } hook) await hook(server);
        return ApiJson.Answer(201, new JsonObject
        {
            ["server"] = WithStatus(server.Json(), "initializing"),
            ["action"] = action.Json(),
            ["next_actions"] = new JsonArray(),
            ["root_password"] = null,
        });
    }

    public async Task<IResult> DeleteServerAsync(long id)
    {
        HetznerServer? server;
        lock (gate) servers.TryGetValue(id, out server);
        if (server is null) return NotFound("server", id);
        await backend.DestroyAsync(server.Name, CancellationToken.None);
        lock (gate)
        {
            servers.Remove(id);
            ledger.Remove("hetzner", Key(id));
            return ApiJson.Answer(200, new JsonObject { ["action"] = NewAction("delete_server", (id, "server")).Json() });
        }
    }

    public IResult PowerOn(long id)
    {
        lock (gate)
        {
            if (!servers.TryGetValue(id, out var server)) return NotFound("server", id);
            server.Status = "running";
            return ApiJson.Answer(201, new JsonObject { ["action"] = NewAction("start_server", (id, "server")).Json() });
        }
    }

    public IResult GetAction(long id)
    {
        lock (gate)
        {
            if (!actions.TryGetValue(id, out var action)) return NotFound("action", id);
            var answer = action.Json();
            if (action.PollsLeft > 0) action.PollsLeft--;
            return ApiJson.Answer(200, new JsonObject { ["action"] = answer });
        }
    }

    public IResult ListCatalog(string collection, IEnumerable<JsonObject> items, IQueryCollection query) =>
        Page(collection, items.Where(item => !query.ContainsKey("name") || item["name"]?.GetValue<string>() == query["name"].ToString()), query);

    private HetznerAction NewAction(string command, params (long Id, string Type)[] resources)
    {
        var action = new HetznerAction { Id = nextId++, Command = command, Resources = resources, PollsLeft = ActionPolls };
        actions[action.Id] = action;
        return action;
    }

    private static JsonObject WithStatus(JsonObject server, string status)
    {
        server["status"] = status;
        return server;
    }

    private static IEnumerable<T> Filter<T>(IEnumerable<T> items, Func<T, string> name, Func<T, IReadOnlyDictionary<string, string>> labels, IQueryCollection query) =>
        items.Where(item => !query.ContainsKey("name") || name(item) == query["name"].ToString())
            .Where(item => LabelSelector.Matches(query["label_selector"].ToString(), labels(item)))
            .OrderBy(item => name(item), StringComparer.Ordinal);

    /// <summary>A list answer with meta.pagination, as every list of the API has.</summary>
    private static IResult Page(string collection, IEnumerable<JsonObject> items, IQueryCollection query)
    {
        var all = items.ToList();
        var page = int.TryParse(query["page"], out var p) && p > 0 ? p : 1;
        var perPage = int.TryParse(query["per_page"], out var pp) && pp > 0 ? Math.Min(pp, 50) : 25;
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        return ApiJson.Answer(200, new JsonObject
        {
            [collection] = new JsonArray(all.Skip((page - 1) * perPage).Take(perPage).Select(i => (JsonNode)i.DeepClone()).ToArray()),
            ["meta"] = new JsonObject
            {
                ["pagination"] = new JsonObject
                {
                    ["page"] = page, ["per_page"] = perPage, ["previous_page"] = page > 1 ? page - 1 : null,
                    ["next_page"] = page < last ? page + 1 : null, ["last_page"] = last, ["total_entries"] = all.Count,
                },
            },
        });
    }

    private static IResult NotFound(string what, long id) => HetznerDouble.Error(404, "not_found", $"{what} with ID '{id}' not found");

    private static IResult InvalidInput(IEnumerable<(string Field, string Message)> fields) =>
        HetznerDouble.Error(400, "invalid_input", "invalid input in fields '" + string.Join("', '", fields.Select(f => f.Field)) + "'", Fields(fields.ToArray()));

    private static JsonObject Fields(params (string Field, string Message)[] fields) => new()
    {
        ["fields"] = new JsonArray(fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Field, ["messages"] = new JsonArray(f.Message) }).ToArray()),
    };

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
