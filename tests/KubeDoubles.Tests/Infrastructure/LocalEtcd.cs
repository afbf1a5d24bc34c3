using System.Diagnostics;
using System.Net;
using MultiCloud.KubeDoubles.Common;
using MultiCloud.Lab.Tests.Infrastructure;

namespace MultiCloud.KubeDoubles.Tests.Infrastructure;

/// <summary>A real one-member etcd 3.5.16 on 127.0.0.1 with client TLS (its own CA, server and client certificates),
/// as MultiCloud runs etcd for kubeadm's etcd.external.</summary>
public sealed class LocalEtcd : IDisposable
{
    private readonly Process process;

    private LocalEtcd(Process process, string folder, string endpoint)
    {
        this.process = process;
        Folder = folder;
        Endpoint = endpoint;
    }

    public string Folder { get; }
    public string Endpoint { get; }
    public string CaFile => Path.Combine(Folder, "pki", "ca.crt");
    public string ClientCertFile => Path.Combine(Folder, "pki", "client.crt");
    public string ClientKeyFile => Path.Combine(Folder, "pki", "client.key");

    public static async Task<LocalEtcd> StartAsync(RealBinaries binaries)
    {
        var folder = Directory.CreateTempSubdirectory("mc-etcd-").FullName;
        var pki = Path.Combine(folder, "pki");
        var (ca, caKey) = Pki.NewCa("etcd-ca", ecdsa: true);
        Pki.WritePair(pki, "ca", ca, caKey);
        var caWithKey = Pki.LoadPair(pki, "ca");
        var (server, serverKey) = Pki.Issue(caWithKey, new CertSpec("etcd", Array.Empty<string>(), true, true,
            new[] { "localhost" }, new[] { IPAddress.Loopback }, TimeSpan.FromDays(30)), ecdsa: true);
        Pki.WritePair(pki, "server", server, serverKey);
        var (client, clientKey) = Pki.Issue(caWithKey, CertSpec.ClientOf("kube-apiserver-etcd-client"), ecdsa: true);
        Pki.WritePair(pki, "client", client, clientKey);
        var clientPort = FreePorts.Next();
        var peerPort = FreePorts.Next();
        var endpoint = $"https://127.0.0.1:{clientPort}";
        var info = new ProcessStartInfo(binaries.Etcd) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "--name", "test", "--data-dir", Path.Combine(folder, "data"), "--listen-client-urls", endpoint, "--advertise-client-urls", endpoint,
            "--listen-peer-urls", $"http://127.0.0.1:{peerPort}", "--initial-advertise-peer-urls", $"http://127.0.0.1:{peerPort}",
            "--initial-cluster", $"test=http://127.0.0.1:{peerPort}", "--cert-file", Path.Combine(pki, "server.crt"),
            "--key-file", Path.Combine(pki, "server.key"), "--client-cert-auth", "--trusted-ca-file", Path.Combine(pki, "ca.crt"),
            "--log-level", "warn",
        }) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var etcd = new LocalEtcd(process, folder, endpoint);
        for (var i = 0; i < 100; i++)
        {
            var health = await LocalProcess.RunAsync(binaries.Etcdctl, new[]
            {
                "--endpoints", endpoint, "--cacert", etcd.CaFile, "--cert", etcd.ClientCertFile, "--key", etcd.ClientKeyFile, "endpoint", "health",
            }, null, TimeSpan.FromSeconds(10));
            if (health.Succeeded) return etcd;
            await Task.Delay(200);
        }
        etcd.Dispose();
        throw new InvalidOperationException("etcd did not become healthy on " + endpoint);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit(5000);
        process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
