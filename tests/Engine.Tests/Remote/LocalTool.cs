using Xunit;
using System.Diagnostics;

namespace MultiCloud.Engine.Tests.Remote;

/// <summary>Runs a local program for test setup and returns its stdout; fails the test on a non-zero exit.</summary>
public static class LocalTool
{
    public static string Run(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
        return output.Result;
    }

    /// <summary>Creates a key pair (ed25519 unless told) without a passphrase and returns the private key's path.</summary>
    public static string NewKey(string path, string type = "ed25519", string passphrase = "")
    {
        Run("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "test", "-f", path);
        return path;
    }

    /// <summary>The fingerprint ssh-keygen prints for a public key file ("SHA256:…").</summary>
    public static string Fingerprint(string publicKeyPath) => Run("ssh-keygen", "-lf", publicKeyPath).Split(' ')[1];
}
