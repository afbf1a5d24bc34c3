namespace MultiCloud.Cli.Tests;

/// <summary>One in-process run of the console host: exit code and everything it printed.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
}

/// <summary>A private state folder and a scratch folder per test; removed afterwards.</summary>
public sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "mc-cli-tests-" + Guid.NewGuid().ToString("N"));
        StateDirectory = Path.Combine(Root, "state");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }
    public string StateDirectory { get; }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs `multicloud ARGS --state STATE` with stdin and stderr not being a terminal, as in CI.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await Program.RunAsync(args.Concat(new[] { "--state", StateDirectory }).ToArray(), stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that made it.
        }
    }
}
