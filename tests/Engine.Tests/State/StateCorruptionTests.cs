using System.Diagnostics;
using System.Text.Json.Nodes;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.State;

/// <summary>
/// Damaged and hostile state folders: every one ends in StateCorrupt (or StateVersionUnsupported) naming the file,
/// the field and the newest sound version in history, or loads a state that passes every check; never in another
/// exception. The folder holds a good history version (serial 1) and a damaged state.json.
/// </summary>
public sealed class StateCorruptionTests : IDisposable
{
    private const string Hostile = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\nPostUp = touch /tmp/pwned";
    private readonly TemporaryFolder folder = new();
    private readonly LocalStateStore store;

    public StateCorruptionTests() => store = new LocalStateStore(folder.Path);

    public void Dispose() => folder.Dispose();

    private string StateFile => Path.Combine(folder.Path, "prod", "state.json");
    private string GoodHistory => Path.Combine(folder.Path, "prod", "history", "state.1.json");

    /// <summary>Saves the rich sample twice (so history/state.1.json is sound) and returns state.json as a JSON tree.</summary>
    private async Task<JsonObject> SeedAsync()
    {
        await using (var lease = await store.AcquireLockAsync("prod", "seed"))
        {
            var saved = await store.SaveAsync(lease, StateSamples.Rich());
            await store.SaveAsync(lease, saved);
        }
        return JsonNode.Parse(File.ReadAllText(StateFile))!.AsObject();
    }

    private async Task<MultiCloudException> CorruptAsync(Action<JsonObject> damage)
    {
        var json = await SeedAsync();
        damage(json);
        File.WriteAllText(StateFile, json.ToJsonString());
        return await Assert.ThrowsAsync<MultiCloudException>(() => store.LoadAsync("prod"));
    }

    private static JsonObject Node(JsonObject state, int index) => state["nodes"]![index]!.AsObject();

    public static TheoryData<string, string> IssueCases => new()
    {
        { "nodes null", "nodes: is missing or null" },
        { "a null node", "nodes[1]: is missing or null" },
        { "meshAddress null", "nodes[0].meshAddress: is missing or null" },
        { "applied null", "applied: is missing or null" },
        { "appliedSpec kubernetes null", "appliedSpec.kubernetes: is missing or null" },
        { "appliedSpec pool name null", "appliedSpec.nodePools[0].name: is missing or null" },
        { "appliedSpec label value null", "appliedSpec.nodePools[0].labels.topology.kubernetes.io/Zone: is missing or null" },
        { "journal spec roles null", "journal.desiredSpec.loadBalancers[0].roles: is missing or null" },
        { "WireGuard key with a PostUp line", "nodes[0].wireGuardPublicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\\x0APostUp = touch /tmp/pwned' is not a WireGuard public key" },
        { "mesh address with hex", "nodes[0].meshAddress: '0x0a.42.0.1' is not an IPv4 address" },
        { "ssh user as an option", "nodes[1].sshUser: '-oProxyCommand=id' is not a user name" },
        { "host key with a second line", "nodes[0].sshHostKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICPym1oRUgsCzgBt57Zh+lgMenL8vhMkpGrWCZjSbjiS\\x0A@cert-authority * ssh-rsa AAAA' is not an OpenSSH public key" },
        { "fingerprint of another key", "nodes[0].sshHostKeyFingerprint: is not the fingerprint of sshHostKey" },
        { "node name with a newline", "nodes[1].name: 'basement-1\\x0A[Peer]' is not a node name" },
        { "public address with a zone command", "nodes[0].publicAddress: 'fe80::1%$(id)' is not an IP address or host name" },
        { "network of the applied spec", "appliedSpec (spec.kubernetes.network): '10.42.0.0/24\\x0A' is not an IPv4 network in CIDR form" },
        { "wrong type", "The JSON value could not be converted to System.Int32. Path: $.nodes[0].sshPort" },
        { "unknown role", "Path: $.nodes[0].role" },
    };

    private static readonly Dictionary<string, Action<JsonObject>> Damages = new()
    {
        ["nodes null"] = s => s["nodes"] = null,
        ["a null node"] = s => s["nodes"]![1] = null,
        ["meshAddress null"] = s => Node(s, 0)["meshAddress"] = null,
        ["applied null"] = s => s["applied"] = null,
        ["appliedSpec kubernetes null"] = s => s["appliedSpec"]!["kubernetes"] = null,
        ["appliedSpec pool name null"] = s => s["appliedSpec"]!["nodePools"]![0]!["name"] = null,
        ["appliedSpec label value null"] = s => s["appliedSpec"]!["nodePools"]![0]!["labels"]!["topology.kubernetes.io/Zone"] = null,
        ["journal spec roles null"] = s => s["journal"]!["desiredSpec"]!["loadBalancers"]![0]!["roles"] = null,
        ["WireGuard key with a PostUp line"] = s => Node(s, 0)["wireGuardPublicKey"] = Hostile,
        ["mesh address with hex"] = s => Node(s, 0)["meshAddress"] = "0x0a.42.0.1",
        ["ssh user as an option"] = s => Node(s, 1)["sshUser"] = "-oProxyCommand=id",
        ["host key with a second line"] = s => Node(s, 0)["sshHostKey"] = Node(s, 0)["sshHostKey"]!.GetValue<string>() + "\n@cert-authority * ssh-rsa AAAA",
        ["fingerprint of another key"] = s => Node(s, 0)["sshHostKeyFingerprint"] = "SHA256:iPdT0veyYuH93Q+cBXV+j7Hsie7LkihsvR7HEk/Gycw",
        ["node name with a newline"] = s => Node(s, 1)["name"] = "basement-1\n[Peer]",
        ["public address with a zone command"] = s => Node(s, 0)["publicAddress"] = "fe80::1%$(id)",
        ["network of the applied spec"] = s => s["appliedSpec"]!["kubernetes"]!["network"] = "10.42.0.0/24\n",
        ["wrong type"] = s => Node(s, 0)["sshPort"] = "22",
        ["unknown role"] = s => Node(s, 0)["role"] = "king",
    };

    [Theory]
    [MemberData(nameof(IssueCases))]
    public async Task LoadAsync_DamagedValue_IsStateCorruptNamingFileFieldAndTheLastGoodVersion(string damage, string named)
    {
        var error = await CorruptAsync(Damages[damage]);

        Assert.Equal(ErrorIds.StateCorrupt, error.ErrorId);
        Assert.StartsWith($"'{StateFile}' is not a valid MultiCloud state document: ", error.Message);
        Assert.Contains(named, error.Message);
        Assert.Contains($"The newest sound earlier version is '{GoodHistory}' (serial 1, saved ", error.Message);
        Assert.DoesNotContain('\u001b', error.Message);
    }

    [Fact]
    public async Task LoadAsync_StateFileIsAFolder_IsStateCorrupt()
    {
        Directory.CreateDirectory(StateFile);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.LoadAsync("prod"));

        Assert.Equal(ErrorIds.StateCorrupt, error.ErrorId);
        Assert.StartsWith($"'{StateFile}' is a folder, not a state document", error.Message);
    }

    [Fact]
    public async Task LoadAsync_StateFileIsAFifo_IsRefusedWithoutOpeningIt()
    {
        if (OperatingSystem.IsWindows()) return;
        await SeedAsync();
        File.Delete(StateFile);
        using (var mkfifo = Process.Start("mkfifo", StateFile)) mkfifo.WaitForExit();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.LoadAsync("prod"));

        Assert.Equal(ErrorIds.StateCorrupt, error.ErrorId);
        Assert.Contains("it is a named pipe (FIFO), not a regular file", error.Message);
        Assert.Contains(GoodHistory, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"formatVersion\": 1}")]
    [InlineData("{\"formatVersion\": 1, \"name\": \"prod\", \"nodes\": [null]}")]
    public async Task LoadAsync_UnusableDocument_IsStateCorruptWithTheHistoryHint(string text)
    {
        await SeedAsync();
        File.WriteAllText(StateFile, text);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.LoadAsync("prod"));

        Assert.Equal(ErrorIds.StateCorrupt, error.ErrorId);
        Assert.Contains(GoodHistory, error.Message);
    }

    [Fact]
    public async Task LoadAsync_HistoryDamagedToo_SaysNoVersionIsSound()
    {
        await SeedAsync();
        File.WriteAllText(StateFile, "{");
        File.WriteAllText(GoodHistory, "{");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => store.LoadAsync("prod"));

        Assert.Contains("No earlier version in", error.Message);
    }

    /// <summary>
    /// Every value of a sound state replaced in turn by null, a number, text with a newline, an empty object, and
    /// removed: each read either refuses with StateCorrupt naming the file or yields a state
    /// that passes every check. (The store adds only the history hint, covered above.)
    /// </summary>
    [Fact]
    public async Task Deserialize_EveryValueReplacedByHostileOnes_NeverFailsOtherwiseThanStateCorrupt()
    {
        var sound = await SeedAsync();
        var paths = Paths(sound, "").ToList();
        var replacements = new (string Name, Func<JsonNode?> Make)[]
        {
            ("null", () => null), ("number", () => JsonValue.Create(7)), ("newline", () => JsonValue.Create("a\nPostUp = touch /tmp/pwned")),
            ("object", () => new JsonObject()), ("removed", () => JsonValue.Create("<remove>")),
        };
        var unexpected = new List<string>();
        var cases = 0;
        foreach (var path in paths)
        {
            foreach (var (name, make) in replacements)
            {
                var damaged = sound.DeepClone().AsObject();
                if (!Replace(damaged, path, make())) continue;
                cases++;
                try
                {
                    var loaded = StateJson.Deserialize(damaged.ToJsonString(), StateFile);
                    if (StateValidator.Problems(loaded).Count > 0) unexpected.Add($"{path} = {name}: loaded a state that fails its checks");
                }
                catch (MultiCloudException e) when (e.ErrorId == ErrorIds.StateCorrupt || e.ErrorId == ErrorIds.StateVersionUnsupported)
                {
                    if (!e.Message.Contains(StateFile, StringComparison.Ordinal)) unexpected.Add($"{path} = {name}: message does not name the file: {e.Message}");
                    if (e.Message.Contains('\u001b')) unexpected.Add($"{path} = {name}: message holds a raw escape");
                }
                catch (Exception e)
                {
                    unexpected.Add($"{path} = {name}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Assert.True(cases > 250, "only " + cases + " cases");
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(30)));
    }

    private static IEnumerable<string> Paths(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj)
                {
                    var child = path + "/" + property.Key;
                    yield return child;
                    if (property.Value != null) foreach (var deeper in Paths(property.Value, child)) yield return deeper;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = path + "/" + i;
                    yield return child;
                    if (array[i] != null) foreach (var deeper in Paths(array[i]!, child)) yield return deeper;
                }
                break;
        }
    }

    private static bool Replace(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode parent = root;
        foreach (var part in parts.Take(parts.Length - 1))
        {
            var next = parent is JsonArray a ? a[int.Parse(part)] : parent.AsObject()[part];
            if (next is null) return false;
            parent = next;
        }
        var last = parts[^1];
        var remove = value is JsonValue v && v.TryGetValue<string>(out var text) && text == "<remove>";
        if (parent is JsonArray array)
        {
            var index = int.Parse(last);
            if (remove) array.RemoveAt(index);
            else array[index] = value;
        }
        else if (remove) parent.AsObject().Remove(last);
        else parent.AsObject()[last] = value;
        return true;
    }
}
