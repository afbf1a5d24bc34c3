using System.Diagnostics;

namespace MultiCloud.KubeDoubles.Common;

/// <summary>
/// Host paths and services. On a lab host every path is what it says and services are systemd units. The doubles'
/// own tests set MC_KUBE_DOUBLE_ROOT to run a whole node inside a folder of this machine: paths are then prefixed
/// with it, and "systemctl" is the test's own script at ROOT/usr/bin/systemctl (which restarts the kubelet double the
/// test runs), or nothing when there is none. No real host sets it.
/// </summary>
public static class HostPaths
{
    public static string? Root => Environment.GetEnvironmentVariable("MC_KUBE_DOUBLE_ROOT") is { Length: > 0 } r ? r : null;

    public static string Path(string absolute) => Root == null ? absolute : System.IO.Path.Join(Root, absolute);

    /// <summary>Runs systemctl with the arguments (not under a test root); returns its exit code.</summary>
    public static int Systemctl(params string[] args)
    {
        var program = "systemctl";
        if (Root != null)
        {
            program = Path("/usr/bin/systemctl");
            if (!File.Exists(program)) return 0;
        }
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true }
                .WithArguments(args))!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 127;
        }
    }

    private static ProcessStartInfo WithArguments(this ProcessStartInfo info, string[] args)
    {
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }
}
