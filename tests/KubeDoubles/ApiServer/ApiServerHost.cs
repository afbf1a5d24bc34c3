using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>
/// TEST DOUBLE of kube-apiserver: started with the flags kubeadm writes into its static pod manifest, serves HTTPS
/// with kubeadm's certificates and keeps every object in the real etcd cluster those flags name.
/// </summary>
public static class ApiServerHost
{
    // The flags kubeadm's manifest passes, and the ones users add most through apiServer.extraArgs. Others are
    // rejected as the real binary rejects unknown flags.
    private static readonly string[] StringFlags =
    {
        "advertise-address", "bind-address", "authorization-mode", "client-ca-file", "enable-admission-plugins",
        "etcd-cafile", "etcd-certfile", "etcd-keyfile", "etcd-servers", "kubelet-client-certificate", "kubelet-client-key",
        "kubelet-preferred-address-types", "proxy-client-cert-file", "proxy-client-key-file", "requestheader-allowed-names",
        "requestheader-client-ca-file", "requestheader-extra-headers-prefix", "requestheader-group-headers",
        "requestheader-username-headers", "service-account-issuer", "service-account-key-file",
        "service-account-signing-key-file", "service-cluster-ip-range", "tls-cert-file", "tls-private-key-file",
        "audit-log-path", "audit-policy-file", "feature-gates", "disable-admission-plugins", "encryption-provider-config",
        "profiling", "anonymous-auth", "etcd-prefix", "runtime-config", "service-node-port-range", "tls-min-version",
        "tls-cipher-suites", "event-ttl", "default-not-ready-toleration-seconds", "default-unreachable-toleration-seconds",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var flags = new FlagSet()
            .Define(FlagKind.String, StringFlags)
            .Define(FlagKind.Int, "secure-port", "v", "max-requests-inflight", "max-mutating-requests-inflight", "audit-log-maxage", "audit-log-maxbackup", "audit-log-maxsize")
            .Define(FlagKind.Bool, "allow-privileged", "enable-bootstrap-token-auth", "enable-aggregator-routing")
            .Parse(args);
        string Required(string name) => flags.String(name) ?? throw new CommandException($"Error: --{name} must be specified");
        string File(string name) => HostPaths.Path(Required(name));
        string? Optional(string name) => flags.String(name) is { Length: > 0 } path ? HostPaths.Path(path) : null;
        var etcd = new EtcdClient(Required("etcd-servers").Split(','), Optional("etcd-cafile"), Optional("etcd-certfile"), Optional("etcd-keyfile"));
        var store = new ObjectStore(etcd);
        var catalog = new ResourceCatalog(store);
        var serviceIps = new ServiceIps(store, flags.String("service-cluster-ip-range") ?? "10.0.0.0/24");
        var handler = new ResourceHandler(store, catalog, serviceIps);
        var auth = new Authentication(Pki.LoadCertificate(System.IO.File.ReadAllText(File("client-ca-file"))), store, flags.Bool("enable-bootstrap-token-auth"));
        var serving = Pki.LoadCertificateWithKeyFiles(File("tls-cert-file"), File("tls-private-key-file"));
        var advertise = flags.String("advertise-address") ?? "127.0.0.1";
        var port = int.Parse(flags.String("secure-port") ?? "6443");
        var bind = IPAddress.Parse(flags.String("bind-address") ?? "0.0.0.0");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(bind, port, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = serving,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }));
        });
        var app = builder.Build();
        var router = new ApiRouter(store, catalog, handler, auth, $"{advertise}:{port}");
        app.Run(router.HandleAsync);
        await Bootstrap.EnsureAsync(store, handler, serviceIps, CancellationToken.None);
        Console.Error.WriteLine($"kube-apiserver (lab test double) serving on {bind}:{port}, etcd {Required("etcd-servers")}");
        await app.RunAsync();
        return 0;
    }
}

/// <summary>What a new kube-apiserver makes once it can reach etcd: the system namespaces and the kubernetes service.</summary>
public static class Bootstrap
{
    public static async Task EnsureAsync(ObjectStore store, ResourceHandler handler, ServiceIps serviceIps, CancellationToken ct)
    {
        var ns = BuiltinResources.All.Single(t => t.Kind == "Namespace");
        var svc = BuiltinResources.All.Single(t => t.Kind == "Service");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
                    await CreateIfMissingAsync(handler, ns, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, ct);
                await CreateIfMissingAsync(handler, svc, "default", new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = "kubernetes", ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" } },
                    ["spec"] = new JsonObject
                    {
                        ["clusterIP"] = serviceIps.First,
                        ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
                    },
                }, ct);
                return;
            }
            catch (EtcdUnavailableException error) when (attempt < 600)
            {
                Console.Error.WriteLine($"waiting for etcd: {error.Message}");
                await Task.Delay(1000, ct);
            }
        }
    }

    private static async Task CreateIfMissingAsync(ResourceHandler handler, ResourceType type, string? ns, JsonObject obj, CancellationToken ct)
    {
        try { await handler.CreateAsync(type, ns, obj, ct); }
        catch (ApiError error) when (error.Reason == "AlreadyExists") { }
    }
}
