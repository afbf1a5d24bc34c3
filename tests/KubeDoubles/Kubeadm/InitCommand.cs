using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>kubeadm init: the phases of kubeadm 1.32 in their order, against real files, a real kubelet unit and the API.</summary>
public static class InitCommand
{
    public static readonly string[] Phases =
    {
        "preflight", "certs", "kubeconfig", "etcd", "control-plane", "kubelet-start", "wait-control-plane", "upload-config",
        "upload-certs", "mark-control-plane", "bootstrap-token", "kubelet-finalize", "addons", "show-join-command",
    };

    public static async Task<int> RunAsync(FlagSet flags)
    {
        var settings = KubeadmSettings.Load(flags.String("config"), "init");
        ApplyFlags(settings, flags);
        settings.Validate("init");
        var skip = (flags.Changed("skip-phases") ? flags.Slice("skip-phases") : (settings.Init["skipPhases"] as JsonArray ?? new JsonArray()).Select(p => p!.GetValue<string>()).ToList()).ToHashSet();
        bool Run(string phase) => !skip.Contains(phase);
        var reg = (JsonObject)settings.Init["nodeRegistration"]!;
        var nodeName = KubeadmSettings.S(reg, "name");
        var advertise = KubeadmSettings.S(settings.Init, "localAPIEndpoint.advertiseAddress");
        var port = Common.JsonNumbers.Int(settings.Init["localAPIEndpoint"]!["bindPort"]!);
        Console.WriteLine($"[init] Using Kubernetes version: {KubeadmSettings.S(settings.Cluster, "kubernetesVersion")}");
        if (Run("preflight"))
        {
            Console.WriteLine("[preflight] Running pre-flight checks");
            var ignored = flags.Slice("ignore-preflight-errors").Concat((reg["ignorePreflightErrors"] as JsonArray ?? new JsonArray()).Select(i => i!.GetValue<string>()));
            new Preflight(ignored)
                .FileAvailable("/etc/kubernetes/manifests/kube-apiserver.yaml").FileAvailable("/etc/kubernetes/manifests/kube-controller-manager.yaml")
                .FileAvailable("/etc/kubernetes/manifests/kube-scheduler.yaml").PortFree(advertise, port).ExternalEtcd(settings.Cluster)
                .ThrowIfFailed("preflight");
        }
        var files = new ControlPlaneFiles(settings);
        if (Run("certs"))
        {
            Console.WriteLine($"[certs] Using certificateDir folder \"{KubeadmSettings.S(settings.Cluster, "certificatesDir")}\"");
            files.CreateAuthorities();
            files.CreateNodeCertificates(nodeName, advertise);
            if (settings.ExternalEtcd) Console.WriteLine("[certs] External etcd mode: Skipping etcd/ca certificate authority generation");
        }
        if (Run("kubeconfig")) files.WriteKubeconfigs(nodeName, $"{advertise}:{port}", init: true);
        if (Run("control-plane")) StaticPods.Write(settings, advertise, port);
        if (Run("kubelet-start")) KubeletSetup.Write(settings, settings.Kubelet, reg, controlPlane: true);
        var client = ClusterClient.FromKubeconfig("/etc/kubernetes/admin.conf");
        if (Run("wait-control-plane"))
        {
            Console.WriteLine("[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory \"/etc/kubernetes/manifests\"");
            await KubeletSetup.WaitHealthyAsync(settings.Kubelet, settings.Timeout(settings.Init, "kubeletHealthCheck", TimeSpan.FromMinutes(4)));
            await ApiHealth.WaitAsync(client, settings.Timeout(settings.Init, "controlPlaneComponentHealthCheck", TimeSpan.FromMinutes(4)));
        }
        var apiTimeout = settings.Timeout(settings.Init, "kubernetesAPICall", TimeSpan.FromMinutes(1));
        if (Run("upload-config")) await UploadConfigAsync(client, settings, apiTimeout);
        if (Run("upload-certs"))
        {
            if (flags.Bool("upload-certs"))
            {
                var key = KubeadmSettings.S(settings.Init, "certificateKey");
                if (key.Length == 0) key = flags.String("certificate-key") ?? CertificateUpload.NewKey();
                await CertificateUpload.UploadAsync(client, settings, key);
                if (!flags.Bool("skip-certificate-key-print")) Console.WriteLine($"[upload-certs] Using certificate key:\n{key}");
            }
            else
            {
                Console.WriteLine("[upload-certs] Skipping phase. Please see --upload-certs");
            }
        }
        if (Run("mark-control-plane")) await ControlPlaneMarker.MarkAsync(client, nodeName, reg["taints"] as JsonArray, apiTimeout);
        string? firstToken = null;
        if (Run("bootstrap-token")) firstToken = await CreateTokensAsync(client, settings, files);
        if (Run("addons"))
            Console.WriteLine("[addons] lab test double: CoreDNS and kube-proxy are not deployed (nothing runs pods on lab hosts)");
        Console.WriteLine("\nYour Kubernetes control-plane has initialized successfully!\n");
        if (Run("show-join-command") && firstToken != null && !flags.Bool("skip-token-print"))
        {
            var hash = Common.Pki.PublicKeyPin(ControlPlaneFiles.LoadCa(files.PkiDir));
            Console.WriteLine($"Then you can join any number of worker nodes by running the following on each as root:\n\nkubeadm join {KubeadmSettings.S(settings.Cluster, "controlPlaneEndpoint")} --token {firstToken} \\\n\t--discovery-token-ca-cert-hash {hash}");
        }
        return 0;
    }

    private static void ApplyFlags(KubeadmSettings settings, FlagSet flags)
    {
        if (flags.String("node-name") is { } name) KubeadmSettings.Obj(settings.Init, "nodeRegistration")["name"] = name;
        if (flags.String("apiserver-advertise-address") is { } address) KubeadmSettings.Obj(settings.Init, "localAPIEndpoint")["advertiseAddress"] = address;
        if (flags.String("control-plane-endpoint") is { } cpe) settings.Cluster["controlPlaneEndpoint"] = cpe;
        if (flags.String("pod-network-cidr") is { } pods) KubeadmSettings.Obj(settings.Cluster, "networking")["podSubnet"] = pods;
        if (flags.String("service-cidr") is { } services) KubeadmSettings.Obj(settings.Cluster, "networking")["serviceSubnet"] = services;
        if (flags.String("kubernetes-version") is { } version) settings.Cluster["kubernetesVersion"] = version;
        if (flags.String("certificate-key") is { } key) settings.Init["certificateKey"] = key;
    }

    private static async Task UploadConfigAsync(Kubernetes client, KubeadmSettings settings, TimeSpan timeout)
    {
        Console.WriteLine("[upload-config] Storing the configuration used in ConfigMap \"kubeadm-config\" in the \"kube-system\" Namespace");
        var cluster = (JsonObject)settings.Cluster.DeepClone();
        cluster["apiVersion"] = "kubeadm.k8s.io/v1beta4";
        cluster["kind"] = "ClusterConfiguration";
        await ApplyConfigMapAsync(client, "kubeadm-config", "ClusterConfiguration", YamlJson.ToYaml(cluster), timeout);
        Console.WriteLine("[kubelet] Creating a ConfigMap \"kubelet-config\" in namespace kube-system with the configuration for the kubelets in the cluster");
        var kubelet = (JsonObject)(settings.Kubelet?.DeepClone() ?? new JsonObject { ["apiVersion"] = "kubelet.config.k8s.io/v1beta1", ["kind"] = "KubeletConfiguration" });
        await ApplyConfigMapAsync(client, "kubelet-config", "kubelet", YamlJson.ToYaml(kubelet), timeout);
    }

    private static Task ApplyConfigMapAsync(Kubernetes client, string name, string key, string value, TimeSpan timeout) =>
        ClusterClient.RetryAsync(async () =>
        {
            var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "kube-system" }, Data = new Dictionary<string, string> { [key] = value } };
            try { await client.CoreV1.CreateNamespacedConfigMapAsync(map, "kube-system"); }
            catch (Exception error) when (ClusterClient.IsStatus(error, System.Net.HttpStatusCode.Conflict))
            {
                await client.CoreV1.ReplaceNamespacedConfigMapAsync(map, name, "kube-system");
            }
            return true;
        }, timeout, $"error execution phase upload-config: error uploading the {name} ConfigMap");

    private static async Task<string?> CreateTokensAsync(Kubernetes client, KubeadmSettings settings, ControlPlaneFiles files)
    {
        Console.WriteLine("[bootstrap-token] Configuring bootstrap tokens, cluster-info ConfigMap, RBAC Roles");
        var tokens = settings.Init["bootstrapTokens"] as JsonArray ?? new JsonArray(new JsonObject());
        string? first = null;
        foreach (var t in tokens)
        {
            var token = KubeadmSettings.S(t, "token");
            if (token.Length == 0) token = BootstrapTokenStore.NewToken();
            first ??= token;
            var ttl = GoDuration.TryParse(KubeadmSettings.S(t, "ttl", "24h")) ?? TimeSpan.FromHours(24);
            var usages = (t?["usages"] as JsonArray)?.Select(u => u!.GetValue<string>()).ToList() ?? new List<string> { "signing", "authentication" };
            var groups = (t?["groups"] as JsonArray)?.Select(u => u!.GetValue<string>()).ToList() ?? new List<string> { BootstrapTokenStore.DefaultGroup };
            await BootstrapTokenStore.CreateAsync(client, token, ttl, usages, groups, KubeadmSettings.S(t, "description", "The default bootstrap token generated by 'kubeadm init'."), failIfExists: false);
        }
        Console.WriteLine("[bootstrap-token] Creating the \"cluster-info\" ConfigMap in the \"kube-public\" namespace");
        var kubeconfig = ClusterInfo.Kubeconfig("https://" + KubeadmSettings.S(settings.Cluster, "controlPlaneEndpoint"), File.ReadAllText(Path.Combine(files.PkiDir, "ca.crt")));
        var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cluster-info", NamespaceProperty = "kube-public" }, Data = new Dictionary<string, string> { ["kubeconfig"] = kubeconfig } };
        try { await client.CoreV1.CreateNamespacedConfigMapAsync(map, "kube-public"); }
        catch (Exception error) when (ClusterClient.IsStatus(error, System.Net.HttpStatusCode.Conflict)) { }
        return first;
    }
}
