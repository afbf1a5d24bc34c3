using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubelet;

/// <summary>
/// TEST DOUBLE of the kubelet 1.32: exits like the real one while kubeadm has not written its config (systemd restarts
/// it), serves /healthz, runs the static pods it has doubles for, bootstraps its client certificate, registers its
/// Node and keeps its status and Lease current. It runs no other pods.
/// </summary>
public static class KubeletDaemon
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = KubeletOptions.Parse(args);
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        var healthz = ServeHealthzAsync(options, stop.Token);
        using var pods = new StaticPodRunner(options.StaticPodPath.Length > 0 ? options.StaticPodPath : "/etc/kubernetes/manifests");
        var podLoop = options.StaticPodPath.Length > 0 ? pods.RunAsync(stop.Token) : Task.CompletedTask;
        try
        {
            await NodeLoopAsync(options, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await podLoop;
        await healthz;
        return 0;
    }

    private static async Task NodeLoopAsync(KubeletOptions options, CancellationToken ct)
    {
        await Retry(() => TlsBootstrap.EnsureAsync(options, ct), "client certificate", ct);
        var client = TlsBootstrap.Client(options);
        var status = new NodeStatus(client, options);
        await Retry(() => status.RegisterAsync(ct), "register node", ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await status.UpdateAsync(ct);
                await status.RenewLeaseAsync(ct);
            }
            catch (Exception error) when (error is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                Console.Error.WriteLine($"kubelet: node status: {error.Message}");
            }
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
        }
    }

    private static async Task Retry(Func<Task> action, string what, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception error) when (error is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                Console.Error.WriteLine($"kubelet: {what}: {error.Message}; retrying");
                await Task.Delay(2000, ct);
            }
        }
    }

    // A minimal HTTP responder: GET /healthz answers "ok", as the kubelet's healthz endpoint does once it runs.
    private static async Task ServeHealthzAsync(KubeletOptions options, CancellationToken ct)
    {
        var listener = new TcpListener(IPAddress.Parse(options.HealthzAddress), options.HealthzPort);
        listener.Start();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(ct);
                var stream = client.GetStream();
                var buffer = new byte[1024];
                _ = await stream.ReadAsync(buffer, ct);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), ct);
            }
        }
        catch (OperationCanceledException) { }
        finally { listener.Stop(); }
    }
}
