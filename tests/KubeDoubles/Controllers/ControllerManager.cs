using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using MultiCloud.KubeDoubles.Common;
using MultiCloud.KubeDoubles.Kubeadm;

namespace MultiCloud.KubeDoubles.Controllers;

/// <summary>
/// TEST DOUBLE of kube-controller-manager, reduced to the controllers a kubeadm cluster needs before any workload
/// runs: the kubelet CSR approver and signer, bootstrapsigner (cluster-info JWS), tokencleaner, node IPAM when
/// --allocate-node-cidrs=true, and node lifecycle (Ready becomes Unknown when a node's lease stops being renewed).
/// Every instance works (no leader election); writes are compare-and-swap, so instances do not fight.
/// </summary>
public static class ControllerManager
{
    public static async Task<int> RunAsync(string[] args)
    {
        var flags = new FlagSet()
            .Define(FlagKind.String, "authentication-kubeconfig", "authorization-kubeconfig", "bind-address", "client-ca-file", "cluster-name",
                "cluster-signing-cert-file", "cluster-signing-key-file", "controllers", "kubeconfig", "requestheader-client-ca-file",
                "root-ca-file", "service-account-private-key-file", "cluster-cidr", "service-cluster-ip-range", "node-cidr-mask-size",
                "feature-gates", "node-monitor-grace-period", "terminated-pod-gc-threshold")
            .Define(FlagKind.Bool, "leader-elect", "use-service-account-credentials", "allocate-node-cidrs", "configure-cloud-routes")
            .Define("v", FlagKind.Int, 'v').Define("secure-port", FlagKind.Int)
            .Parse(args);
        var client = ClusterClient.FromKubeconfig(flags.String("kubeconfig") ?? throw new CommandException("--kubeconfig is required"));
        var signer = Pki.LoadCertificateWithKeyFiles(HostPaths.Path(flags.String("cluster-signing-cert-file") ?? "/etc/kubernetes/pki/ca.crt"),
            HostPaths.Path(flags.String("cluster-signing-key-file") ?? "/etc/kubernetes/pki/ca.key"));
        var ipam = flags.Bool("allocate-node-cidrs") && flags.String("cluster-cidr") is { Length: > 0 } cidr ? new NodeIpam(cidr, int.Parse(flags.String("node-cidr-mask-size") ?? "24")) : null;
        Console.Error.WriteLine("kube-controller-manager (lab test double): csrapproving, csrsigning, bootstrapsigner, tokencleaner, nodelifecycle" + (ipam != null ? ", nodeipam" : ""));
        while (true)
        {
            foreach (var (name, step) in new (string, Func<Task>)[]
            {
                ("csr", () => CsrSigner.RunAsync(client, signer)),
                ("bootstrapsigner", () => BootstrapSigner.RunAsync(client)),
                ("nodelifecycle", () => NodeLifecycle.RunAsync(client)),
                ("nodeipam", () => ipam?.RunAsync(client) ?? Task.CompletedTask),
            })
            {
                try { await step(); }
                catch (Exception error) when (error is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException or IOException)
                {
                    Console.Error.WriteLine($"kube-controller-manager: {name}: {error.Message}");
                }
            }
            await Task.Delay(500);
        }
    }

    internal static string Text(IDictionary<string, byte[]>? data, string key) =>
        data != null && data.TryGetValue(key, out var value) ? Encoding.UTF8.GetString(value) : "";
}
