using System.Text.Json.Nodes;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubelet;

/// <summary>The kubelet's flags (those kubeadm's drop-in and kubeadm-flags.env pass, and common others) and its config file.</summary>
public sealed class KubeletOptions
{
    public required string? KubeconfigPath { get; init; }
    public required string? BootstrapKubeconfigPath { get; init; }
    public required JsonObject Config { get; init; }
    public required string NodeName { get; init; }
    public required string? NodeIp { get; init; }
    public required Dictionary<string, string> Labels { get; init; }
    public required List<(string Key, string? Value, string Effect)> Taints { get; init; }
    public required string RuntimeEndpoint { get; init; }

    public string StaticPodPath => Config["staticPodPath"]?.GetValue<string>() ?? "";
    public int HealthzPort => (Config["healthzPort"] is { } p ? Common.JsonNumbers.Int(p) : 10248);
    public string HealthzAddress => Config["healthzBindAddress"]?.GetValue<string>() ?? "127.0.0.1";

    public static KubeletOptions Parse(string[] args)
    {
        FlagSet flags;
        try
        {
            flags = new FlagSet()
                .Define(FlagKind.String, "bootstrap-kubeconfig", "kubeconfig", "config", "container-runtime-endpoint", "hostname-override",
                    "node-ip", "node-labels", "register-with-taints", "pod-infra-container-image", "cgroup-driver", "root-dir", "cert-dir",
                    "provider-id", "resolv-conf", "runtime-request-timeout", "image-service-endpoint", "feature-gates", "cloud-provider")
                .Define(FlagKind.Bool, "fail-swap-on", "register-node", "rotate-certificates")
                .Define(FlagKind.Int, "max-pods").Define("v", FlagKind.Int, 'v')
                .Parse(args);
        }
        catch (CommandException error)
        {
            throw new CommandException($"Error: failed to parse kubelet flag: {error.Message}");
        }
        var configPath = flags.String("config");
        var config = new JsonObject();
        if (configPath != null)
        {
            var file = HostPaths.Path(configPath);
            if (!File.Exists(file))
                throw new CommandException($"E{DateTime.Now:MMdd HH:mm:ss.ffffff} {Environment.ProcessId,7} run.go:72] \"command failed\" err=\"failed to load kubelet config file, path: {configPath}, error: failed to load Kubelet config file {configPath}, error failed to read kubelet config file \\\"{configPath}\\\", error: open {configPath}: no such file or directory\"");
            config = YamlJson.Documents(File.ReadAllText(file)).Single();
        }
        var labels = new Dictionary<string, string>();
        foreach (var pair in (flags.String("node-labels") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            labels[kv[0]] = kv.Length > 1 ? kv[1] : "";
        }
        var taints = new List<(string, string?, string)>();
        foreach (var taint in (flags.String("register-with-taints") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = taint.LastIndexOf(':');
            if (colon < 0) throw new CommandException($"Error: invalid argument \"{taint}\" for \"--register-with-taints\" flag: invalid taint spec: {taint}");
            var kv = taint[..colon].Split('=', 2);
            taints.Add((kv[0], kv.Length > 1 ? kv[1] : null, taint[(colon + 1)..]));
        }
        return new KubeletOptions
        {
            KubeconfigPath = flags.String("kubeconfig"),
            BootstrapKubeconfigPath = flags.String("bootstrap-kubeconfig"),
            Config = config,
            NodeName = (flags.String("hostname-override") ?? Environment.MachineName).ToLowerInvariant(),
            NodeIp = flags.String("node-ip"),
            Labels = labels,
            Taints = taints,
            RuntimeEndpoint = flags.String("container-runtime-endpoint") ?? config["containerRuntimeEndpoint"]?.GetValue<string>() ?? "unix:///run/containerd/containerd.sock",
        };
    }
}
