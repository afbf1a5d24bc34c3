using k8s;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.KubeDoubles.Tests.Infrastructure;

/// <summary>
/// One control-plane node made by `kubeadm init` (the double) on this machine, against a real etcd with TLS: the
/// kubelet double runs the API server and controller-manager doubles from the static pod manifests kubeadm wrote.
/// Shared by the tests of one collection; torn down by the processes and folders it recorded.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const string ExtraDnsSan = "api.cluster.example";
    public const string ExtraIpSan = "192.0.2.10";

    private readonly List<IDisposable> owned = new();

    public RealBinaries Binaries { get; private set; } = null!;
    public LocalEtcd Etcd { get; private set; } = null!;
    public TestNode Control { get; private set; } = null!;
    public int ApiPort { get; private set; }
    public string InitOutput { get; private set; } = "";
    public string Endpoint => $"127.0.0.1:{ApiPort}";

    public async Task InitializeAsync()
    {
        if (LabRequirements.MissingRequirement() != null && !LabRequirements.IsCi) return;
        Binaries = await RealBinaries.GetAsync();
        Etcd = await LocalEtcd.StartAsync(Binaries);
        owned.Add(Etcd);
        Control = new TestNode("control-1");
        owned.Add(Control);
        // The etcd client files go where MultiCloud puts them on a control node; the node's paths live under its root.
        var etcdPki = Path.Combine(Control.Root, "etc/etcd/pki");
        Directory.CreateDirectory(etcdPki);
        File.Copy(Etcd.CaFile, Path.Combine(etcdPki, "ca.crt"));
        File.Copy(Etcd.ClientCertFile, Path.Combine(etcdPki, "apiserver-etcd-client.crt"));
        File.Copy(Etcd.ClientKeyFile, Path.Combine(etcdPki, "apiserver-etcd-client.key"));
        ApiPort = FreePorts.Next();
        var config = Path.Combine(Control.Root, "kubeadm.yaml");
        await File.WriteAllTextAsync(config, InitConfig());
        var init = await Doubles.KubeadmAsync(Control.Root, "init", "--config", config, "--upload-certs");
        InitOutput = init.StandardOutput;
        if (!init.Succeeded)
            throw new InvalidOperationException($"kubeadm init failed ({init.ExitCode}):\n{init.StandardError}\n{init.StandardOutput}\nkubelet: {Tail(Path.Combine(Control.Root, "kubelet.log"))}");
        await WaitReadyAsync();
    }

    public string InitConfig() => KubeadmConfigs.Init("control-1", "127.0.0.1", ApiPort, $"""
            endpoints: [{Etcd.Endpoint}]
            caFile: /etc/etcd/pki/ca.crt
            certFile: /etc/etcd/pki/apiserver-etcd-client.crt
            keyFile: /etc/etcd/pki/apiserver-etcd-client.key
        """, $"clusterName: doubles\napiServer:\n  certSANs: [{ExtraDnsSan}, {ExtraIpSan}]", $"healthzPort: {FreePorts.Next()}");

    private async Task WaitReadyAsync()
    {
        using var client = Client();
        for (var i = 0; i < 120; i++)
        {
            var node = (await client.CoreV1.ListNodeAsync()).Items.FirstOrDefault();
            if (node?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) return;
            await Task.Delay(500);
        }
        throw new InvalidOperationException("control-1 never became Ready; kubelet: " + Tail(Path.Combine(Control.Root, "kubelet.log")));
    }

    public Kubernetes Client() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Control.AdminConf));

    public Task<ProcessOutput> KubectlAsync(params string[] args) => KubectlWithInputAsync(null, args);

    public Task<ProcessOutput> KubectlWithInputAsync(string? input, params string[] args) =>
        LocalProcess.RunAsync(Binaries.Kubectl, new[] { "--kubeconfig", Control.AdminConf }.Concat(args), input, TimeSpan.FromMinutes(1));

    public async Task<string> KubectlOkAsync(params string[] args)
    {
        var result = await KubectlAsync(args);
        Assert.True(result.Succeeded, $"kubectl {string.Join(" ", args)} failed ({result.ExitCode}): {result.StandardError}");
        return result.StandardOutput;
    }

    public static string Tail(string file) =>
        File.Exists(file) ? string.Join("\n", File.ReadLines(file).TakeLast(20)) : "(no " + file + ")";

    public Task DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(owned)) item.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "local cluster";
}
