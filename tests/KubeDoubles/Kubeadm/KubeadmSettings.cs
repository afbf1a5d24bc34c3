using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>A loaded kubeadm configuration with kubeadm 1.32's static and dynamic defaults applied.</summary>
public sealed partial class KubeadmSettings
{
    public const string KubeadmVersion = "v1.32.3";
    public const string DefaultCriSocket = "unix:///var/run/containerd/containerd.sock";

    [GeneratedRegex("^([a-z0-9]{6})\\.([a-z0-9]{16})$")]
    public static partial Regex TokenFormat();

    [GeneratedRegex("^[a-f0-9]{64}$")]
    private static partial Regex CertificateKeyFormat();

    public JsonObject Init { get; private set; } = new();
    public JsonObject Cluster { get; private set; } = new();
    public JsonObject Join { get; private set; } = new();
    public JsonObject? Kubelet { get; private set; }

    public static KubeadmSettings Load(string? path, string command, bool strict = false)
    {
        var settings = new KubeadmSettings();
        var docs = path != null ? ConfigDecoder.Load(path, strict) : new List<ConfigDecoder.Document>();
        JsonObject? Kind(string kind) => docs.FirstOrDefault(d => d.Kind == kind && d.ApiVersion.StartsWith(ConfigSchema.KubeadmGroup, StringComparison.Ordinal))?.Body;
        settings.Kubelet = docs.FirstOrDefault(d => d.Kind == "KubeletConfiguration")?.Body;
        var init = Kind("InitConfiguration");
        var cluster = Kind("ClusterConfiguration");
        var join = Kind("JoinConfiguration");
        if (path != null && command == "init" && init == null && cluster == null)
            throw new CommandException("no InitConfiguration or ClusterConfiguration kind was found in the configuration file");
        if (path != null && command == "join" && join == null)
            throw new CommandException("no JoinConfiguration found in the supplied config");
        settings.Init = (JsonObject)(init?.DeepClone() ?? new JsonObject());
        settings.Cluster = (JsonObject)(cluster?.DeepClone() ?? new JsonObject());
        settings.Join = (JsonObject)(join?.DeepClone() ?? new JsonObject());
        settings.ApplyDefaults(command);
        return settings;
    }

    private void ApplyDefaults(string command)
    {
        var reg = Obj(Init, "nodeRegistration");
        reg["name"] ??= Environment.MachineName.ToLowerInvariant();
        reg["criSocket"] ??= DefaultCriSocket;
        var endpoint = Obj(Init, "localAPIEndpoint");
        endpoint["advertiseAddress"] ??= DefaultAddress();
        endpoint["bindPort"] ??= 6443;
        Cluster["kubernetesVersion"] ??= KubeadmVersion;
        Cluster["certificatesDir"] ??= "/etc/kubernetes/pki";
        Cluster["imageRepository"] ??= "registry.k8s.io";
        Cluster["clusterName"] ??= "kubernetes";
        Cluster["encryptionAlgorithm"] ??= "RSA-2048";
        var net = Obj(Cluster, "networking");
        net["serviceSubnet"] ??= "10.96.0.0/12";
        net["dnsDomain"] ??= "cluster.local";
        if (Cluster["etcd"]?["external"] == null) Obj(Obj(Cluster, "etcd"), "local")["dataDir"] ??= "/var/lib/etcd";
        var cpe = Cluster["controlPlaneEndpoint"]?.GetValue<string>() ?? "";
        if (command == "init")
        {
            var port = Common.JsonNumbers.Int(endpoint["bindPort"]!);
            Cluster["controlPlaneEndpoint"] = cpe.Length == 0 ? $"{endpoint["advertiseAddress"]}:{port}" : cpe.Contains(':') ? cpe : $"{cpe}:{port}";
        }
        var joinReg = Obj(Join, "nodeRegistration");
        joinReg["name"] ??= Environment.MachineName.ToLowerInvariant();
        joinReg["criSocket"] ??= DefaultCriSocket;
        Join["caCertPath"] ??= "/etc/kubernetes/pki/ca.crt";
        if (Join["controlPlane"] is JsonObject cp)
        {
            var local = Obj(cp, "localAPIEndpoint");
            local["advertiseAddress"] ??= DefaultAddress();
            local["bindPort"] ??= 6443;
        }
        var discovery = Obj(Join, "discovery");
        if (discovery["tlsBootstrapToken"] == null && discovery["bootstrapToken"]?["token"] is { } token)
            discovery["tlsBootstrapToken"] = token.GetValue<string>();
    }

    public static JsonObject Obj(JsonObject parent, string name) => (JsonObject)(parent[name] ??= new JsonObject());

    public static string S(JsonNode? node, string path, string fallback = "")
    {
        foreach (var part in path.Split('.')) node = node?[part];
        return node?.GetValue<object>()?.ToString() ?? fallback;
    }

    public TimeSpan Timeout(JsonObject config, string name, TimeSpan fallback) =>
        GoDuration.TryParse(S(config, "timeouts." + name)) is { } t && S(config, "timeouts." + name).Length > 0 ? t : fallback;

    public bool Ecdsa => S(Cluster, "encryptionAlgorithm") is "ECDSA" or "ECDSA-P256";

    public bool ExternalEtcd => Cluster["etcd"]?["external"] != null;

    /// <summary>The checks of kubeadm's ValidateInitConfiguration / ValidateJoinConfiguration for the fields used here.</summary>
    public void Validate(string command)
    {
        var errors = new List<string>();
        if (command == "init")
        {
            ValidateRegistration(Init, errors);
            if (!IPAddress.TryParse(S(Init, "localAPIEndpoint.advertiseAddress"), out _))
                errors.Add($"localAPIEndpoint.advertiseAddress: Invalid value: \"{S(Init, "localAPIEndpoint.advertiseAddress")}\": cannot parse IP address");
            var key = S(Init, "certificateKey");
            if (key.Length > 0 && !CertificateKeyFormat().IsMatch(key))
                errors.Add("certificateKey: Invalid value: \"" + key + "\": certificate key must be a hex encoded string of 32 bytes");
            foreach (var t in Init["bootstrapTokens"] as JsonArray ?? new JsonArray())
                if (!TokenFormat().IsMatch(S(t, "token")))
                    errors.Add($"bootstrapTokens[0].token: Invalid value: \"\": the bootstrap token is invalid");
            ValidateCluster(errors);
        }
        else
        {
            ValidateRegistration(Join, errors);
            var discovery = Join["discovery"];
            var bt = discovery?["bootstrapToken"];
            if (bt == null && discovery?["file"] == null)
                errors.Add("discovery: Invalid value: \"\": bootstrapToken or file must be set");
            if (bt != null)
            {
                if (!TokenFormat().IsMatch(S(bt, "token")))
                    errors.Add($"discovery.bootstrapToken.token: Invalid value: \"\": the bootstrap token is invalid");
                if (S(bt, "apiServerEndpoint").Length == 0)
                    errors.Add("discovery.bootstrapToken.apiServerEndpoint: Invalid value: \"\": address  ... missing port in address");
                if (bt["caCertHashes"] is not JsonArray { Count: > 0 } && bt["unsafeSkipCAVerification"]?.GetValue<bool>() != true)
                    errors.Add("discovery.bootstrapToken.caCertHashes: Invalid value: []string(nil): using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue");
            }
            if (!TokenFormat().IsMatch(S(discovery, "tlsBootstrapToken")))
                errors.Add("discovery.tlsBootstrapToken: Invalid value: \"\": the bootstrap token is invalid");
            if (Join["controlPlane"] is JsonObject cp)
            {
                var key = S(cp, "certificateKey");
                if (key.Length > 0 && !CertificateKeyFormat().IsMatch(key))
                    errors.Add("controlPlane.certificateKey: Invalid value: \"" + key + "\": certificate key must be a hex encoded string of 32 bytes");
                if (!IPAddress.TryParse(S(cp, "localAPIEndpoint.advertiseAddress"), out _))
                    errors.Add($"controlPlane.localAPIEndpoint.advertiseAddress: Invalid value: \"{S(cp, "localAPIEndpoint.advertiseAddress")}\": cannot parse IP address");
            }
        }
        if (errors.Count == 1) throw new CommandException(errors[0]);
        if (errors.Count > 1) throw new CommandException("[" + string.Join(", ", errors) + "]");
    }

    private static void ValidateRegistration(JsonObject config, List<string> errors)
    {
        var name = S(config, "nodeRegistration.name");
        if (!Regex.IsMatch(name, @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"))
            errors.Add($"nodeRegistration.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        var taints = config["nodeRegistration"]?["taints"] as JsonArray ?? new JsonArray();
        for (var i = 0; i < taints.Count; i++)
        {
            var effect = S(taints[i], "effect");
            if (effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
                errors.Add($"nodeRegistration.taints[{i}].effect: Unsupported value: \"{effect}\": supported values: \"NoExecute\", \"NoSchedule\", \"PreferNoSchedule\"");
        }
    }

    private void ValidateCluster(List<string> errors)
    {
        foreach (var field in new[] { "networking.serviceSubnet", "networking.podSubnet" })
        {
            var value = S(Cluster, field);
            if (value.Length > 0 && !IsCidr(value)) errors.Add($"{field}: Invalid value: \"{value}\": couldn't parse subnet");
        }
        if (Cluster["etcd"]?["local"] != null && Cluster["etcd"]?["external"] != null)
            errors.Add("etcd: Invalid value: \"\": etcd.local and etcd.external are mutually exclusive");
        if (Cluster["etcd"]?["external"] is JsonObject ext)
        {
            if (ext["endpoints"] is not JsonArray { Count: > 0 })
                errors.Add("etcd.external.endpoints: Required value: ");
            foreach (var file in new[] { "caFile", "certFile", "keyFile" })
                if (S(ext, file).Length > 0 && !Path.IsPathRooted(S(ext, file)))
                    errors.Add($"etcd.external.{file}: Invalid value: \"{S(ext, file)}\": path is not absolute");
        }
        var version = S(Cluster, "kubernetesVersion").TrimStart('v').Split('.');
        if (version.Length < 2 || !int.TryParse(version[1], out var minor) || version[0] != "1")
            errors.Add($"kubernetesVersion: Invalid value: \"{S(Cluster, "kubernetesVersion")}\": invalid version");
        else if (minor < 31)
            throw new CommandException($"this version of kubeadm only supports deploying clusters with the control plane version >= 1.31.0. Current version: {S(Cluster, "kubernetesVersion")}");
        else if (minor > 32)
            throw new CommandException($"the specified version to deploy ({S(Cluster, "kubernetesVersion")}) is not supported by this kubeadm ({KubeadmVersion}): the control plane version may be at most one minor newer than kubeadm's only with kubeadm of that version");
    }

    private static bool IsCidr(string text) =>
        text.Split(',').All(part => part.Split('/') is [var ip, var bits] && IPAddress.TryParse(ip, out _) && int.TryParse(bits, out _));

    /// <summary>kubeadm's default: the IPv4 address of the interface that carries the default route.</summary>
    public static string DefaultAddress()
    {
        var withGateway = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.GetIPProperties().GatewayAddresses.Count > 0)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork);
        return withGateway?.Address.ToString() ?? "127.0.0.1";
    }
}
