using System.Text.Json.Nodes;
using k8s;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>kubeadm join: preflight with discovery, control-plane-prepare, kubelet-start (TLS bootstrap by the kubelet),
/// control-plane-join, as in kubeadm 1.32.</summary>
public static class JoinCommand
{
    public static readonly string[] Phases = { "preflight", "control-plane-prepare", "kubelet-start", "control-plane-join", "wait-control-plane" };

    public static async Task<int> RunAsync(FlagSet flags)
    {
        if (flags.Positional.Count > 1) throw new CommandException($"accepts at most 1 arg(s), received {flags.Positional.Count}");
        var settings = KubeadmSettings.Load(flags.String("config"), "join");
        if (flags.String("config") == null) FromFlags(settings, flags);
        if (flags.String("node-name") is { } name) KubeadmSettings.Obj(settings.Join, "nodeRegistration")["name"] = name;
        settings.Validate("join");
        var join = settings.Join;
        var reg = (JsonObject)join["nodeRegistration"]!;
        var nodeName = KubeadmSettings.S(reg, "name");
        var controlPlane = join["controlPlane"] as JsonObject;
        Console.WriteLine("[preflight] Running pre-flight checks");
        var ignored = flags.Slice("ignore-preflight-errors").Concat((reg["ignorePreflightErrors"] as JsonArray ?? new JsonArray()).Select(i => i!.GetValue<string>()));
        var preflight = new Preflight(ignored).FileAvailable("/etc/kubernetes/kubelet.conf").FileAvailable("/etc/kubernetes/bootstrap-kubelet.conf")
            .FileAvailable(KubeadmSettings.S(join, "caCertPath"));
        if (controlPlane != null)
            preflight.FileAvailable("/etc/kubernetes/manifests/kube-apiserver.yaml")
                .PortFree(KubeadmSettings.S(controlPlane, "localAPIEndpoint.advertiseAddress"), Common.JsonNumbers.Int(controlPlane["localAPIEndpoint"]!["bindPort"]!));
        preflight.ThrowIfFailed("preflight");
        var found = await TokenDiscovery.RunAsync(join, settings.Timeout(join, "discovery", TimeSpan.FromMinutes(5)));
        var tlsToken = KubeadmSettings.S(join, "discovery.tlsBootstrapToken");
        var client = TokenDiscovery.Client(found, tlsToken);
        var apiTimeout = settings.Timeout(join, "kubernetesAPICall", TimeSpan.FromMinutes(1));
        var clusterMap = await ClusterClient.RetryAsync(() => client.CoreV1.ReadNamespacedConfigMapAsync("kubeadm-config", "kube-system"), apiTimeout,
            "error execution phase preflight: unable to fetch the kubeadm-config ConfigMap");
        var cluster = YamlJson.Documents(clusterMap.Data["ClusterConfiguration"]).Single();
        var kubeletMap = await ClusterClient.RetryAsync(() => client.CoreV1.ReadNamespacedConfigMapAsync("kubelet-config", "kube-system"), apiTimeout,
            "error execution phase kubelet-start: cannot get the kubelet-config ConfigMap");
        var kubeletConfig = YamlJson.Documents(kubeletMap.Data["kubelet"]).FirstOrDefault();
        await RefuseReadyNodeAsync(client, nodeName);
        var full = KubeadmSettings.Load(null, "join");
        foreach (var (key, value) in cluster) full.Cluster[key] = value?.DeepClone();
        if (controlPlane != null)
        {
            if (KubeadmSettings.S(full.Cluster, "controlPlaneEndpoint").Length == 0)
                throw new CommandException("error execution phase preflight: \nOne or more conditions for hosting a new control plane instance is not satisfied.\n\nunable to add a new control plane instance to a cluster that doesn't have a stable controlPlaneEndpoint address\n\nPlease ensure that:\n* The cluster has a stable controlPlaneEndpoint address.");
            Console.WriteLine("[preflight] Running pre-flight checks before initializing the new control plane instance");
            var key = KubeadmSettings.S(controlPlane, "certificateKey");
            if (key.Length > 0) await CertificateUpload.DownloadAsync(client, full, key);
            var files = new ControlPlaneFiles(full);
            ControlPlaneFiles.RequireCaWithKey(files.PkiDir);
            var advertise = KubeadmSettings.S(controlPlane, "localAPIEndpoint.advertiseAddress");
            var port = Common.JsonNumbers.Int(controlPlane["localAPIEndpoint"]!["bindPort"]!);
            files.CreateNodeCertificates(nodeName, advertise);
            files.WriteKubeconfigs(nodeName, $"{advertise}:{port}", init: false);
            StaticPods.Write(full, advertise, port);
        }
        Pki.WriteFile(HostPaths.Path(KubeadmSettings.S(join, "caCertPath")), found.CaPem, secret: false);
        new Kubeconfig(found.Server, found.CaPem, "tls-bootstrap-token-user", Token: tlsToken, ClusterName: "kubernetes")
            .Write(HostPaths.Path("/etc/kubernetes/bootstrap-kubelet.conf"));
        KubeletSetup.Write(full, kubeletConfig, reg, controlPlane != null);
        await KubeletSetup.WaitHealthyAsync(kubeletConfig, settings.Timeout(join, "kubeletHealthCheck", TimeSpan.FromMinutes(4)));
        await WaitTlsBootstrapAsync(settings.Timeout(join, "tlsBootstrap", TimeSpan.FromMinutes(5)));
        if (controlPlane != null)
        {
            var admin = ClusterClient.FromKubeconfig("/etc/kubernetes/admin.conf");
            await ControlPlaneMarker.MarkAsync(admin, nodeName, reg["taints"] as JsonArray, apiTimeout);
            var local = ClusterClient.WithToken($"https://{KubeadmSettings.S(controlPlane, "localAPIEndpoint.advertiseAddress")}:{controlPlane["localAPIEndpoint"]!["bindPort"]}", tlsToken, found.Ca);
            await ApiHealth.WaitAsync(local, settings.Timeout(join, "controlPlaneComponentHealthCheck", TimeSpan.FromMinutes(4)));
            Console.WriteLine("\nThis node has joined the cluster and a new control plane instance was created:\n\n* Certificate signing request was sent to apiserver and approval was received.\n* The Kubelet was informed of the new secure connection details.\n* Control plane label and taint were applied to the new node.\n* The Kubernetes control plane instances scaled up.\n");
        }
        else
        {
            Console.WriteLine("\nThis node has joined the cluster:\n* Certificate signing request was sent to apiserver and a response was received.\n* The Kubelet was informed of the new secure connection details.\n\nRun 'kubectl get nodes' on the control-plane to see this node join the cluster.\n");
        }
        return 0;
    }

    private static void FromFlags(KubeadmSettings settings, FlagSet flags)
    {
        var join = settings.Join;
        var discovery = KubeadmSettings.Obj(join, "discovery");
        var token = flags.String("token") ?? "";
        if (flags.Positional.Count == 1)
        {
            var bt = KubeadmSettings.Obj(discovery, "bootstrapToken");
            bt["apiServerEndpoint"] = flags.Positional[0];
            bt["token"] = flags.String("discovery-token") ?? token;
            bt["caCertHashes"] = new JsonArray(flags.Slice("discovery-token-ca-cert-hash").Select(h => (JsonNode)h).ToArray());
            bt["unsafeSkipCAVerification"] = flags.Bool("discovery-token-unsafe-skip-ca-verification");
        }
        discovery["tlsBootstrapToken"] = flags.String("tls-bootstrap-token") ?? (token.Length > 0 ? token : discovery["bootstrapToken"]?["token"]?.GetValue<string>());
        if (flags.Bool("control-plane"))
        {
            var cp = KubeadmSettings.Obj(join, "controlPlane");
            cp["certificateKey"] = flags.String("certificate-key") ?? "";
            var local = KubeadmSettings.Obj(cp, "localAPIEndpoint");
            local["advertiseAddress"] = flags.String("apiserver-advertise-address") ?? KubeadmSettings.DefaultAddress();
            local["bindPort"] = int.Parse(flags.String("apiserver-bind-port") ?? "6443");
        }
        else if (flags.Changed("certificate-key") || flags.Changed("apiserver-advertise-address") || flags.Changed("apiserver-bind-port"))
        {
            Klog.Warning("[preflight] WARNING: --control-plane is also required when passing control-plane related flags such as [certificate-key, apiserver-advertise-address, apiserver-bind-port]");
        }
    }

    private static async Task RefuseReadyNodeAsync(k8s.Kubernetes client, string nodeName)
    {
        try
        {
            var node = await client.CoreV1.ReadNodeAsync(nodeName);
            if (node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
                throw new CommandException($"error execution phase kubelet-start: a Node with name \"{nodeName}\" and status \"Ready\" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node");
        }
        catch (Exception error) when (error is k8s.Autorest.HttpOperationException) { }
    }

    private static async Task WaitTlsBootstrapAsync(TimeSpan timeout)
    {
        Console.WriteLine("[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap");
        var deadline = DateTime.UtcNow + timeout;
        while (!File.Exists(HostPaths.Path("/etc/kubernetes/kubelet.conf")))
        {
            if (DateTime.UtcNow > deadline)
                throw new CommandException("error execution phase kubelet-start: timed out waiting for the condition\nerror: error writing kubelet.conf: the kubelet did not complete the TLS bootstrap");
            await Task.Delay(500);
        }
        File.Delete(HostPaths.Path("/etc/kubernetes/bootstrap-kubelet.conf"));
    }
}
