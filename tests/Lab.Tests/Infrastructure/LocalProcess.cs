using System.Diagnostics;
using System.Text;

namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>What a local program printed and how it ended.</summary>
public sealed record ProcessOutput(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs local programs (lab.sh, ssh) with arguments, never through a shell, with a time limit.</summary>
public static class LocalProcess
{
    public static async Task<ProcessOutput> RunAsync(string program, IEnumerable<string> arguments, string? standardInput, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        // An ssh agent would offer keys other than the one a test gives on purpose (the wrong-key test).
        startInfo.Environment.Remove("SSH_AUTH_SOCK");

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput != null) await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();

        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(" ", arguments)} did not finish within {timeout.TotalSeconds:0} s");
        }
        return new ProcessOutput(process.ExitCode, await output, await error);
    }
}
