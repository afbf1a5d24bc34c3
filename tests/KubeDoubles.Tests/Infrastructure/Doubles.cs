using System.Diagnostics;
using System.Text;
using MultiCloud.Lab.Tests.Infrastructure;

namespace MultiCloud.KubeDoubles.Tests.Infrastructure;

/// <summary>Runs the doubles' program (tests/KubeDoubles build output) for one test node root.</summary>
public static class Doubles
{
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryRoot.Find(), "tests", "KubeDoubles", "bin", configuration, "net10.0", "mc-kube-double.dll");
        }
    }

    public static ProcessStartInfo StartInfo(string root, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["MC_KUBE_DOUBLE_ROOT"] = root;
        return info;
    }

    /// <summary>kubeadm with the arguments, as root of the given node folder; returns exit code and output.</summary>
    public static async Task<ProcessOutput> KubeadmAsync(string root, params string[] args)
    {
        using var process = Process.Start(StartInfo(root, new[] { "kubeadm" }.Concat(args).ToArray()))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubeadm {string.Join(" ", args)} did not finish within 4 minutes; output so far: {await output}");
        }
        return new ProcessOutput(process.ExitCode, await output, await error);
    }
}
