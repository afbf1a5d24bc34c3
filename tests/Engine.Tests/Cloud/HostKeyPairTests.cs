using System.Diagnostics;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Cloud;

/// <summary>Host keys the engine makes for machines: readable by OpenSSH itself, kept only until the state pins them.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostKeyPairTests
{
    [Fact]
    public void Generate_PrivateKey_IsReadByOpenSshAsTheSamePublicKeyAndFingerprint()
    {
        using var folder = new TemporaryFolder();
        var pair = HostKeyPair.Generate();
        var file = Path.Combine(folder.Path, "key");
        File.WriteAllText(file, pair.PrivateKeyPem);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var derived = Run("ssh-keygen", "-y", "-f", file).Split(' ');
        var fingerprint = Run("ssh-keygen", "-l", "-E", "sha256", "-f", file).Split(' ')[1];

        Assert.Equal(pair.PublicKey, derived[0] + " " + derived[1]);
        Assert.Equal(HostKeyText.Fingerprint(pair.PublicKey), fingerprint);
    }

    [Fact]
    public void Generate_Twice_GivesDifferentKeys() =>
        Assert.NotEqual(HostKeyPair.Generate().PublicKey, HostKeyPair.Generate().PublicKey);

    [Fact]
    public void LoadOrCreate_Twice_GivesTheSamePairFromAnOwnerOnlyFile()
    {
        using var folder = new TemporaryFolder();

        var first = HostKeyFiles.LoadOrCreate(folder.Path, "lb-1");
        var again = HostKeyFiles.LoadOrCreate(folder.Path, "lb-1");

        Assert.Equal(first, again);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(HostKeyFiles.Folder(folder.Path), "lb-1")));
    }

    [Fact]
    public void DeleteSettled_KeepsPendingPairsAndRemovesPinnedAndForgottenOnes()
    {
        using var folder = new TemporaryFolder();
        var pinned = HostKeyFiles.LoadOrCreate(folder.Path, "lb-1");
        HostKeyFiles.LoadOrCreate(folder.Path, "lb-2");
        HostKeyFiles.LoadOrCreate(folder.Path, "lb-3");
        var state = new ClusterState
        {
            Name = "c",
            Nodes = new[]
            {
                new NodeState { Name = "lb-1", Pool = "lb", Role = Model.NodeRole.LoadBalancer, MeshAddress = "10.0.0.1", PublicAddress = "198.51.100.1", SshHostKey = pinned.PublicKey },
                new NodeState { Name = "lb-2", Pool = "lb", Role = Model.NodeRole.LoadBalancer, MeshAddress = "10.0.0.2" },
            },
        };

        HostKeyFiles.DeleteSettled(folder.Path, state);

        Assert.Equal(new[] { "lb-2", "lb-2.pub" }, Directory.GetFiles(HostKeyFiles.Folder(folder.Path)).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void UserData_Rendered_IsAShellScriptThatInstallsThePairAndAuthorisesTheClusterKey()
    {
        var pair = HostKeyPair.Generate();

        var script = UserDataScript.Render("root", "ssh-ed25519 AAAAC3Nza multicloud", pair);

        Assert.StartsWith("#!/bin/sh\n", script);
        Assert.Contains(pair.PrivateKeyPem, script);
        Assert.Contains("printf '%s\\n' '" + pair.PublicKey + "' >/etc/ssh/ssh_host_ed25519_key.pub", script);
        Assert.Contains("/root/.ssh/authorized_keys", script);
        Assert.Contains("systemctl restart ssh.service", script);
        Assert.Equal(0, RunWithInput("sh", script, "-n").ExitCode);
    }

    [Fact]
    public void UserData_ForASudoUser_MakesTheUserWhenMissingAndAuthorisesTheKeyInItsHome()
    {
        var script = UserDataScript.Render("multicloud", "ssh-ed25519 AAAAC3Nza multicloud", HostKeyPair.Generate());

        Assert.Contains("id -u multicloud >/dev/null 2>&1 || { useradd -m -s /bin/bash multicloud && usermod -p '*' multicloud; }", script);
        Assert.Contains("multicloud ALL=(ALL) NOPASSWD:ALL", script);
        Assert.Contains("/home/multicloud/.ssh/authorized_keys", script);
        Assert.Equal(0, RunWithInput("sh", script, "-n").ExitCode);
    }

    private static string Run(string program, params string[] arguments) => RunWithInput(program, null, arguments).Output;

    private static (int ExitCode, string Output) RunWithInput(string program, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        if (input != null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}
