using System.Diagnostics;
using System.Text;
using Xunit;

namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>The built console host, run as a separate process the way a CI job runs it.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stderr = new();
    private readonly StringBuilder stdout = new();
    private readonly object gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> waiters = new();

    private CliProcess(Process process) => this.process = process;

    public string Stderr
    {
        get
        {
            lock (gate) return stderr.ToString();
        }
    }

    public string Stdout
    {
        get
        {
            lock (gate) return stdout.ToString();
        }
    }

    /// <summary>The process id, for checks on what it left behind (its lock names it).</summary>
    public int Id => process.Id;

    public static CliProcess Start(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(Executable());
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        startInfo.Environment.Remove("SSH_AUTH_SOCK");
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start multicloud");
        process.StandardInput.Close();
        var cli = new CliProcess(process);
        process.ErrorDataReceived += (_, e) => cli.Received(e.Data);
        process.OutputDataReceived += (_, e) => cli.ReceivedOutput(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return cli;
    }

    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan limit)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (stderr.ToString().Split('\n').Any(match)) return;
            waiters.Add((match, seen));
        }
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, exited, Task.Delay(limit));
        if (first != seen.Task) throw new Xunit.Sdk.XunitException((process.HasExited ? "multicloud ended" : "multicloud did not get there") + " before the awaited line:\n" + Stderr);
    }

    public async Task SignalAsync(string signal)
    {
        var kill = await LocalProcess.RunAsync("kill", new[] { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, null, TimeSpan.FromSeconds(10));
        Assert.True(kill.Succeeded, kill.StandardError);
    }

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"multicloud did not end within {limit}:\n{Stderr}");
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private void ReceivedOutput(string? line)
    {
        if (line is null) return;
        lock (gate) stdout.Append(line).Append('\n');
    }

    private void Received(string? line)
    {
        if (line is null) return;
        lock (gate)
        {
            stderr.Append(line).Append('\n');
            foreach (var waiter in waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }

    /// <summary>multicloud.dll of the same configuration as these tests (the solution build makes both).</summary>
    private static string Executable()
    {
        var configuration = AppContext.BaseDirectory.Contains(Path.DirectorySeparatorChar + "Debug" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? "Debug" : "Release";
        var path = Path.Combine(RepositoryRoot.Find(), "src", "Cli", "bin", configuration, "net10.0", "multicloud.dll");
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} is missing: build the solution (dotnet build -c {configuration}) first");
        return path;
    }
}
