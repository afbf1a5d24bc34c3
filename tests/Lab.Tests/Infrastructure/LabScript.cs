using System.Text.Json;

namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>One lab host as lab.sh reports it.</summary>
public sealed record LabHost(string Name, string Address);

/// <summary>A lab as `lab.sh up` prints it: its id, the root key of every host, the subnet and the hosts (the Kubernetes
/// package repository it serves is read by the Kubernetes scenarios, see KubernetesLabSources).</summary>
public sealed record LabInfo(string Id, string KeyPath, string Subnet, string Gateway, IReadOnlyList<LabHost> Hosts);

/// <summary>
/// tests/lab/lab.sh, called as a program. Every command prints at most one JSON document on stdout and logs on
/// stderr; a failure raises with the end of that log.
/// </summary>
public static class LabScript
{
    private static readonly TimeSpan BaseBuildLimit = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(3);

    /// <summary>Brings up a lab of <paramref name="hosts"/> hosts; a lab whose answer cannot be read is torn down again.</summary>
    public static async Task<LabInfo> UpAsync(int hosts)
    {
        var answer = await RunAsync(BaseBuildLimit, "up", hosts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            return ParseLab(answer);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            if (TryReadId(answer) is { } id) await DownAsync(id);
            throw new InvalidOperationException("lab.sh up answered with JSON these tests cannot read: " + answer, e);
        }
    }

    public static Task DownAsync(string id) => RunAsync(CommandLimit, "down", id);

    /// <summary>Builds (or reuses) the lab package repository and returns its folder on this machine.</summary>
    public static async Task<string> RepositoryFolderAsync() =>
        Text(JsonDocument.Parse(await RunAsync(BaseBuildLimit, "repo")).RootElement, "path");

    /// <summary>The lab JSON as `lab.sh show` prints it (with whatever the lab adds beside the hosts).</summary>
    public static Task<string> ShowAsync(string id) => RunAsync(CommandLimit, "show", id);

    /// <summary>Boots one more host in the lab and returns it.</summary>
    public static async Task<LabHost> AddAsync(string id) => ParseHost(JsonDocument.Parse(await RunAsync(CommandLimit, "add", id)).RootElement);

    /// <summary>Boots one more host that runs <paramref name="userDataFile"/> once at first boot (the image's cloud-init stand-in).</summary>
    public static async Task<LabHost> AddAsync(string id, string userDataFile) =>
        ParseHost(JsonDocument.Parse(await RunAsync(CommandLimit, "add", id, "--user-data", userDataFile)).RootElement);

    /// <summary>Tears down exactly this host, as deleting a cloud VM does.</summary>
    public static Task RemoveAsync(string id, LabHost host) => RunAsync(CommandLimit, "remove", id, host.Name);

    /// <summary>Cuts the host's link at the bridge: nothing reaches it, it reaches nothing.</summary>
    public static Task IsolateAsync(string id, LabHost host) => RunAsync(CommandLimit, "isolate", id, host.Name);

    public static Task RestoreAsync(string id, LabHost host) => RunAsync(CommandLimit, "restore", id, host.Name);

    /// <summary>Powers the host off (clean shutdown, killed after a while).</summary>
    public static Task StopAsync(string id, LabHost host) => RunAsync(CommandLimit, "stop", id, host.Name);

    /// <summary>Boots the host again and waits until its sshd answers.</summary>
    public static Task StartAsync(string id, LabHost host) => RunAsync(CommandLimit, "start", id, host.Name);

    public static LabInfo ParseLab(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return new LabInfo(
            Text(root, "id"),
            Text(root, "key"),
            Text(root, "subnet"),
            Text(root, "gateway"),
            root.GetProperty("hosts").EnumerateArray().Select(ParseHost).ToList());
    }

    /// <summary>The lab id in an `up` answer, read without trusting the rest of it (for tearing down after a bad answer).</summary>
    public static string? TryReadId(string json)
    {
        try
        {
            return JsonDocument.Parse(json).RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static LabHost ParseHost(JsonElement host) => new(Text(host, "name"), Text(host, "address"));

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new FormatException($"lab.sh answered without '{name}': {element}");

    private static async Task<string> RunAsync(TimeSpan limit, params string[] arguments)
    {
        var result = await LocalProcess.RunAsync("bash", new[] { RepositoryRoot.LabScript }.Concat(arguments), null, limit);
        if (!result.Succeeded)
        {
            var tail = string.Join("\n", result.StandardError.TrimEnd().Split('\n').TakeLast(25));
            throw new InvalidOperationException($"lab.sh {string.Join(" ", arguments)} failed with exit code {result.ExitCode}:\n{tail}");
        }
        return result.StandardOutput;
    }
}
