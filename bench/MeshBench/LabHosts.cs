using System.Diagnostics;
using System.Text.Json;
using MultiCloud.Engine.Model;

namespace MultiCloud.Bench.Mesh;

/// <summary>One lab host: its name and the address the engine reaches it on.</summary>
internal sealed record LabHost(string Name, string Address);

/// <summary>The lab the benchmark runs on, through tests/lab/lab.sh (show and add; run.sh brings it up and down).</summary>
internal sealed class LabHosts
{
    private readonly string script;
    private readonly string id;

    public LabHosts(string script, string id)
    {
        this.script = script;
        this.id = id;
    }

    /// <summary>The lab's root key for every host, and its hosts in the order they were made.</summary>
    public (string KeyPath, IReadOnlyList<LabHost> Hosts) Show()
    {
        var root = JsonDocument.Parse(Run("show", id)).RootElement;
        var hosts = root.GetProperty("hosts").EnumerateArray().Select(Host).ToList();
        return (root.GetProperty("key").GetString()!, hosts);
    }

    /// <summary>The lab's Kubernetes package repository as spec.kubernetes takes it (a mirror a user could have), and its version.</summary>
    public (KubernetesSources Sources, string Version) KubernetesRepository()
    {
        var repo = JsonDocument.Parse(Run("show", id)).RootElement.GetProperty("kubernetes");
        string Text(string name) => repo.GetProperty(name).GetString()!;
        var sources = new KubernetesSources { Packages = Text("packages"), PackagesKey = Text("packagesKey"), Downloads = Text("downloads"), Longhorn = Text("longhorn") };
        return (sources, Text("version"));
    }

    /// <summary>Boots one more host and returns it.</summary>
    public LabHost Add() => Host(JsonDocument.Parse(Run("add", id)).RootElement);

    /// <summary>Runs a command on a host as root (lab.sh ssh); fails on a non-zero exit.</summary>
    public void Ssh(LabHost host, string command) => Run("ssh", id, host.Name, command);

    private static LabHost Host(JsonElement host) => new(host.GetProperty("name").GetString()!, host.GetProperty("address").GetString()!);

    private string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + script);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"lab.sh {string.Join(" ", arguments)} failed with exit code {process.ExitCode}");
        return output;
    }
}
