using System.Text.Json.Nodes;

namespace MultiCloud.CloudDoubles.Hetzner;

/// <summary>A server of the double, with the user data it was given (tests check what the engine sent).</summary>
public sealed class HetznerServer
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required Dictionary<string, string> Labels { get; set; }
    public required string ServerType { get; init; }
    public required string Datacenter { get; init; }
    public required string Image { get; init; }
    public required IReadOnlyList<long> SshKeys { get; init; }
    public required string UserData { get; init; }
    public string Status { get; set; } = "initializing";
    public string Ipv4 { get; set; } = "";
    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    public JsonObject Json() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["status"] = Status,
        ["created"] = Created.ToString("o"),
        ["labels"] = ApiJson.Object(Labels),
        ["public_net"] = new JsonObject
        {
            ["ipv4"] = Ipv4.Length == 0 ? null : new JsonObject { ["id"] = Id + 100000, ["ip"] = Ipv4, ["blocked"] = false, ["dns_ptr"] = "static." + Ipv4 + ".clients.your-server.de" },
            ["ipv6"] = null,
            ["floating_ips"] = new JsonArray(),
            ["firewalls"] = new JsonArray(),
        },
        ["server_type"] = HetznerCatalog.Json(HetznerCatalog.ServerTypes.Single(t => t.Name == ServerType)),
        ["datacenter"] = HetznerCatalog.DatacenterJson(Datacenter),
        ["image"] = HetznerCatalog.Json(HetznerCatalog.Images.Single(i => i.Name == Image || i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == Image)),
        ["private_net"] = new JsonArray(),
        ["protection"] = new JsonObject { ["delete"] = false, ["rebuild"] = false },
    };
}

public sealed class HetznerFirewall
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required Dictionary<string, string> Labels { get; set; }
    public required JsonArray Rules { get; set; }
    public List<JsonObject> AppliedTo { get; } = new();

    public JsonObject Json() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["labels"] = ApiJson.Object(Labels),
        ["created"] = DateTimeOffset.UtcNow.ToString("o"),
        ["rules"] = Rules.DeepClone(),
        ["applied_to"] = new JsonArray(AppliedTo.Select(a => (JsonNode)a.DeepClone()).ToArray()),
    };
}

public sealed class HetznerSshKey
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string PublicKey { get; init; }
    public required string Fingerprint { get; init; }
    public required Dictionary<string, string> Labels { get; set; }

    public JsonObject Json() => new()
    {
        ["id"] = Id, ["name"] = Name, ["public_key"] = PublicKey, ["fingerprint"] = Fingerprint, ["labels"] = ApiJson.Object(Labels),
        ["created"] = DateTimeOffset.UtcNow.ToString("o"),
    };
}

/// <summary>An action: "running" until it has been polled <see cref="PollsLeft"/> times, then "success".</summary>
public sealed class HetznerAction
{
    public required long Id { get; init; }
    public required string Command { get; init; }
    public required IReadOnlyList<(long Id, string Type)> Resources { get; init; }
    public int PollsLeft { get; set; }

    public JsonObject Json() => new()
    {
        ["id"] = Id,
        ["command"] = Command,
        ["status"] = PollsLeft > 0 ? "running" : "success",
        ["progress"] = PollsLeft > 0 ? 50 : 100,
        ["started"] = DateTimeOffset.UtcNow.ToString("o"),
        ["finished"] = PollsLeft > 0 ? null : DateTimeOffset.UtcNow.ToString("o"),
        ["error"] = null,
        ["resources"] = new JsonArray(Resources.Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["type"] = r.Type }).ToArray()),
    };
}
