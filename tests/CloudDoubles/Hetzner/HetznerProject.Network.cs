using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.CloudDoubles.Hetzner;

/// <summary>SSH keys and firewalls of the double's project.</summary>
public sealed partial class HetznerProject
{
    public IResult ListSshKeys(IQueryCollection query)
    {
        lock (gate)
        {
            var keys = Filter(sshKeys.Values, k => k.Name, k => k.Labels, query)
                .Where(k => !query.ContainsKey("fingerprint") || k.Fingerprint == query["fingerprint"].ToString());
            return Page("ssh_keys", keys.Select(k => k.Json()), query);
        }
    }

    public IResult CreateSshKey(JsonObject? body)
    {
        if (body is null) return HetznerDouble.Error(400, "json_error", "the request body is not a JSON object");
        var name = ApiJson.Text(body, "name") ?? "";
        var publicKey = ApiJson.Text(body, "public_key") ?? "";
        var labels = ApiJson.Map(body["labels"]);
        var fingerprint = Fingerprint(publicKey);
        if (name.Length == 0 || fingerprint is null) return InvalidInput(new[] { (name.Length == 0 ? "name" : "public_key", "is invalid") });
        if (LabelRules.Problem(labels) is { } problem) return InvalidInput(new[] { ("labels", problem) });
        lock (gate)
        {
            if (sshKeys.Values.Any(k => k.Name == name)) return HetznerDouble.Error(409, "uniqueness_error", "SSH key with the same name already exists", Fields(("name", "is already used")));
            if (sshKeys.Values.Any(k => k.Fingerprint == fingerprint)) return HetznerDouble.Error(409, "uniqueness_error", "SSH key with the same fingerprint already exists", Fields(("public_key", "is already used")));
            var key = new HetznerSshKey { Id = nextId++, Name = name, PublicKey = publicKey.Trim(), Fingerprint = fingerprint, Labels = labels };
            sshKeys[key.Id] = key;
            ledger.Put(new LedgerEntry("hetzner", "ssh_key", Key(key.Id), labels));
            return ApiJson.Answer(201, new JsonObject { ["ssh_key"] = key.Json() });
        }
    }

    public IResult DeleteSshKey(long id)
    {
        lock (gate)
        {
            if (!sshKeys.Remove(id)) return NotFound("ssh_key", id);
            ledger.Remove("hetzner", Key(id));
            return ApiJson.Answer(204, null);
        }
    }

    public IResult ListFirewalls(IQueryCollection query)
    {
        lock (gate) return Page("firewalls", Filter(firewalls.Values, f => f.Name, f => f.Labels, query).Select(f => f.Json()), query);
    }

    public IResult CreateFirewall(JsonObject? body)
    {
        if (body is null) return HetznerDouble.Error(400, "json_error", "the request body is not a JSON object");
        var name = ApiJson.Text(body, "name") ?? "";
        var labels = ApiJson.Map(body["labels"]);
        var rules = body["rules"] as JsonArray ?? new JsonArray();
        var applyTo = (body["apply_to"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().ToList();
        var problem = name.Length == 0 ? "name is empty" : LabelRules.Problem(labels) ?? RuleProblem(rules) ?? applyTo.Select(ApplyProblem).FirstOrDefault(p => p != null);
        if (problem != null) return InvalidInput(new[] { ("firewall", problem) });
        lock (gate)
        {
            if (firewalls.Values.Any(f => f.Name == name)) return HetznerDouble.Error(409, "uniqueness_error", "firewall with the same name already exists", Fields(("name", "is already used")));
            var firewall = new HetznerFirewall { Id = nextId++, Name = name, Labels = labels, Rules = (JsonArray)rules.DeepClone() };
            firewall.AppliedTo.AddRange(applyTo.Select(a => (JsonObject)a.DeepClone()));
            firewalls[firewall.Id] = firewall;
            ledger.Put(new LedgerEntry("hetzner", "firewall", Key(firewall.Id), labels));
            var created = applyTo.Select(_ => (JsonNode)NewAction("apply_firewall", (firewall.Id, "firewall")).Json()).ToArray();
            return ApiJson.Answer(201, new JsonObject { ["firewall"] = firewall.Json(), ["actions"] = new JsonArray(created) });
        }
    }

    public IResult FirewallAction(long id, string action, JsonObject? body)
    {
        lock (gate)
        {
            if (!firewalls.TryGetValue(id, out var firewall)) return NotFound("firewall", id);
            if (body is null) return HetznerDouble.Error(400, "json_error", "the request body is not a JSON object");
            switch (action)
            {
                case "set_rules":
                    var rules = body["rules"] as JsonArray ?? new JsonArray();
                    if (RuleProblem(rules) is { } problem) return InvalidInput(new[] { ("rules", problem) });
                    firewall.Rules = (JsonArray)rules.DeepClone();
                    return ApiJson.Answer(201, new JsonObject { ["actions"] = new JsonArray(NewAction("set_firewall_rules", (id, "firewall")).Json()) });
                case "remove_from_resources":
                    var remove = (body["remove_from"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(r => r.ToJsonString()).ToHashSet();
                    firewall.AppliedTo.RemoveAll(applied => remove.Contains(applied.ToJsonString()));
                    return ApiJson.Answer(201, new JsonObject { ["actions"] = new JsonArray(NewAction("remove_firewall", (id, "firewall")).Json()) });
                case "apply_to_resources":
                    var apply = (body["apply_to"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().ToList();
                    if (apply.Select(ApplyProblem).FirstOrDefault(p => p != null) is { } applyProblem) return InvalidInput(new[] { ("apply_to", applyProblem) });
                    firewall.AppliedTo.AddRange(apply.Select(a => (JsonObject)a.DeepClone()));
                    return ApiJson.Answer(201, new JsonObject { ["actions"] = new JsonArray(NewAction("apply_firewall", (id, "firewall")).Json()) });
                default:
                    return NotFound("action " + action + " of firewall", id);
            }
        }
    }

    public IResult DeleteFirewall(long id)
    {
        lock (gate)
        {
            if (!firewalls.TryGetValue(id, out var firewall)) return NotFound("firewall", id);
            if (firewall.AppliedTo.Count > 0) return HetznerDouble.Error(422, "resource_in_use", "firewall must not be in use to be deleted");
            firewalls.Remove(id);
            ledger.Remove("hetzner", Key(id));
            return ApiJson.Answer(204, null);
        }
    }

    /// <summary>What the API refuses in rules: a direction other than in/out, an unknown protocol, no port for tcp/udp, sources that are not CIDRs.</summary>
    private static string? RuleProblem(JsonArray rules)
    {
        foreach (var rule in rules.OfType<JsonObject>())
        {
            var direction = ApiJson.Text(rule, "direction");
            var protocol = ApiJson.Text(rule, "protocol");
            if (direction != "in" && direction != "out") return "rule direction must be in or out";
            if (protocol is not ("tcp" or "udp" or "icmp" or "esp" or "gre")) return "rule protocol must be tcp, udp, icmp, esp or gre";
            if (protocol is "tcp" or "udp" && string.IsNullOrEmpty(ApiJson.Text(rule, "port"))) return "tcp and udp rules need a port";
            var sources = (rule["source_ips"] as JsonArray ?? new JsonArray()).Select(s => s?.GetValue<string>() ?? "").ToList();
            if (direction == "in" && sources.Count == 0) return "inbound rules need source_ips";
            if (sources.Any(s => !IPNetwork.TryParse(s, out _))) return "source_ips must be CIDRs";
        }
        return null;
    }

    private static string? ApplyProblem(JsonObject resource) =>
        ApiJson.Text(resource, "type") switch
        {
            "label_selector" => resource["label_selector"] is JsonObject selector && ApiJson.Text(selector, "selector") is { } text && LabelSelector.IsValid(text) ? null : "invalid label_selector",
            "server" => resource["server"] is JsonObject ? null : "apply_to server needs server.id",
            _ => "apply_to type must be server or label_selector",
        };

    /// <summary>Hetzner's SSH key fingerprint: MD5 of the key blob as colon-separated hex; null for what is not an OpenSSH public key.</summary>
    private static string? Fingerprint(string publicKey)
    {
        var fields = publicKey.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2 || !fields[0].StartsWith("ssh-", StringComparison.Ordinal)) return null;
        try
        {
            return string.Join(":", MD5.HashData(Convert.FromBase64String(fields[1])).Select(b => b.ToString("x2")));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
