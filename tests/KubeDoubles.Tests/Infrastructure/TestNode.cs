using System.Diagnostics;
using System.Net.Sockets;

namespace MultiCloud.KubeDoubles.Tests.Infrastructure;

/// <summary>
/// A node inside a folder of this machine (MC_KUBE_DOUBLE_ROOT): a socket where containerd's would be, a CNI config,
/// and the kubelet double run the way systemd runs kubelet.service with kubeadm's drop-in (restarted when it exits,
/// flags from kubeadm-flags.env); ROOT/usr/bin/systemctl lets kubeadm restart and stop it as on a real host.
/// </summary>
public sealed class TestNode : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Socket runtimeSocket;
    private readonly Task supervisor;
    private Process? kubelet;

    public TestNode(string name, bool withCni = true)
    {
        Name = name;
        Root = Directory.CreateTempSubdirectory("mc-node-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "var/run/containerd"));
        Directory.CreateDirectory(Path.Combine(Root, "run"));
        runtimeSocket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        runtimeSocket.Bind(new UnixDomainSocketEndPoint(Path.Combine(Root, "var/run/containerd/containerd.sock")));
        runtimeSocket.Listen(64);
        _ = AcceptAsync();
        if (withCni)
        {
            Directory.CreateDirectory(Path.Combine(Root, "etc/cni/net.d"));
            File.WriteAllText(Path.Combine(Root, "etc/cni/net.d/10-test.conflist"), "{\"cniVersion\":\"1.0.0\",\"name\":\"test\",\"plugins\":[{\"type\":\"bridge\"}]}");
        }
        var bin = Path.Combine(Root, "usr/bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "systemctl"), """
            #!/bin/bash
            R=$MC_KUBE_DOUBLE_ROOT
            case "$1" in
              restart|start) rm -f "$R/run/kubelet.stopped"; [ -f "$R/run/kubelet.pid" ] && kill "$(cat "$R/run/kubelet.pid")" 2>/dev/null ;;
              stop) touch "$R/run/kubelet.stopped"; [ -f "$R/run/kubelet.pid" ] && kill "$(cat "$R/run/kubelet.pid")" 2>/dev/null ;;
            esac
            exit 0
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(bin, "systemctl"), (UnixFileMode)0b111_101_101);
        supervisor = SuperviseAsync();
    }

    public string Name { get; }
    public string Root { get; }
    public string AdminConf => Path.Combine(Root, "etc/kubernetes/admin.conf");
    public string Pki => Path.Combine(Root, "etc/kubernetes/pki");

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested) (await runtimeSocket.AcceptAsync(stop.Token)).Dispose();
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { }
    }

    private async Task SuperviseAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            if (!File.Exists(Path.Combine(Root, "run/kubelet.stopped")))
            {
                var args = new List<string> { "kubelet", "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf", "--kubeconfig=/etc/kubernetes/kubelet.conf", "--config=/var/lib/kubelet/config.yaml" };
                var env = Path.Combine(Root, "var/lib/kubelet/kubeadm-flags.env");
                if (File.Exists(env))
                {
                    var line = File.ReadAllText(env).Trim();
                    var value = line[(line.IndexOf('=') + 1)..].Trim('"');
                    args.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                }
                var info = Doubles.StartInfo(Root, args.ToArray());
                info.RedirectStandardInput = false;
                kubelet = Process.Start(info)!;
                var log = new StreamWriter(Path.Combine(Root, "kubelet.log"), append: true) { AutoFlush = true };
                kubelet.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
                kubelet.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
                kubelet.BeginOutputReadLine();
                kubelet.BeginErrorReadLine();
                await File.WriteAllTextAsync(Path.Combine(Root, "run/kubelet.pid"), kubelet.Id.ToString());
                try { await kubelet.WaitForExitAsync(stop.Token); }
                catch (OperationCanceledException) { break; }
            }
            try { await Task.Delay(500, stop.Token); } catch (OperationCanceledException) { break; }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        if (kubelet is { HasExited: false }) kubelet.Kill(entireProcessTree: true);
        kubelet?.WaitForExit(5000);
        supervisor.Wait(TimeSpan.FromSeconds(10));
        runtimeSocket.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
