using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubelet;

/// <summary>
/// Runs the static pods of --config's staticPodPath as processes: the image names the component, and the lab has a
/// double for kube-apiserver and kube-controller-manager (this program with the manifest's command). A pod whose
/// image has no double (kube-scheduler, anything else) is reported once and not run. A changed manifest restarts its
/// process, a removed one stops it, a process that exits is restarted with back-off, as the kubelet restarts containers.
/// </summary>
public sealed class StaticPodRunner : IDisposable
{
    private static readonly HashSet<string> Doubles = new() { "kube-apiserver", "kube-controller-manager" };
    private readonly string _dir;
    private readonly Dictionary<string, Running> _pods = new();
    private readonly HashSet<string> _reported = new();

    private sealed record Running(string Hash, string Component, string[] Args, Process? Process, DateTime NextStart, int Failures);

    public StaticPodRunner(string manifestDir) => _dir = HostPaths.Path(manifestDir);

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { Sync(); }
            catch (Exception error) when (error is IOException or FormatException or InvalidOperationException)
            {
                Console.Error.WriteLine($"kubelet: static pods: {error.Message}");
            }
            try { await Task.Delay(1000, ct); } catch (OperationCanceledException) { break; }
        }
        Dispose();
    }

    private void Sync()
    {
        var seen = new HashSet<string>();
        if (Directory.Exists(_dir))
        {
            foreach (var file in Directory.EnumerateFiles(_dir).Where(f => f.EndsWith(".yaml") || f.EndsWith(".yml") || f.EndsWith(".json")).Order())
            {
                seen.Add(file);
                var text = File.ReadAllText(file);
                var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
                if (_pods.TryGetValue(file, out var known) && known.Hash == hash) { Supervise(file, known); continue; }
                if (known != null) Stop(known);
                var pod = YamlJson.Documents(text).Single();
                var container = pod["spec"]?["containers"]?[0];
                var image = container?["image"]?.GetValue<string>() ?? "";
                var component = image.Split('/').Last().Split(':')[0];
                var command = (container?["command"] as JsonArray ?? new JsonArray()).Concat(container?["args"] as JsonArray ?? new JsonArray())
                    .Select(c => c!.GetValue<string>()).ToList();
                if (command.Count > 0 && command[0] == component) command.RemoveAt(0);
                _pods[file] = new Running(hash, component, command.ToArray(), null, DateTime.MinValue, 0);
                if (!Doubles.Contains(component) && _reported.Add(file))
                    Console.Error.WriteLine($"kubelet: static pod {Path.GetFileName(file)}: no lab test double for image {image}; not run");
                Supervise(file, _pods[file]);
            }
        }
        foreach (var gone in _pods.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            Stop(_pods[gone]);
            _pods.Remove(gone);
        }
    }

    private void Supervise(string file, Running pod)
    {
        if (!Doubles.Contains(pod.Component)) return;
        if (pod.Process is { HasExited: false }) return;
        var failures = pod.Process == null ? pod.Failures : pod.Failures + 1;
        if (pod.Process != null)
        {
            Console.Error.WriteLine($"kubelet: {pod.Component} exited with {pod.Process.ExitCode}; restarting (back-off)");
            _pods[file] = pod with { Process = null, Failures = failures, NextStart = DateTime.UtcNow.AddSeconds(Math.Min(10, 1 << Math.Min(failures, 4))) };
            return;
        }
        if (DateTime.UtcNow < pod.NextStart) return;
        _pods[file] = pod with { Process = Start(pod.Component, pod.Args), Failures = failures };
    }

    private static Process Start(string component, string[] args)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(StaticPodRunner).Assembly.Location);
        info.ArgumentList.Add(component);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var logDir = HostPaths.Path("/var/log/kube-doubles");
        Directory.CreateDirectory(logDir);
        var log = new StreamWriter(Path.Combine(logDir, component + ".log"), append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (log) log.Dispose(); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Console.Error.WriteLine($"kubelet: started static pod {component} (pid {process.Id})");
        return process;
    }

    private static void Stop(Running pod)
    {
        if (pod.Process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        foreach (var pod in _pods.Values) Stop(pod);
        _pods.Clear();
    }
}
