using System.Net;
using System.Text.Json.Nodes;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>kubeadm's kubelet-start phase: /var/lib/kubelet/config.yaml, kubeadm-flags.env, then restart the kubelet.</summary>
public static class KubeletSetup
{
    public static void Write(KubeadmSettings settings, JsonObject? kubeletConfig, JsonObject registration, bool controlPlane)
    {
        var config = (JsonObject)(kubeletConfig?.DeepClone() ?? new JsonObject());
        config["apiVersion"] = "kubelet.config.k8s.io/v1beta1";
        config["kind"] = "KubeletConfiguration";
        var auth = KubeadmSettings.Obj(config, "authentication");
        KubeadmSettings.Obj(auth, "anonymous")["enabled"] ??= false;
        KubeadmSettings.Obj(auth, "webhook")["enabled"] ??= true;
        KubeadmSettings.Obj(auth, "x509")["clientCAFile"] ??= KubeadmSettings.S(settings.Cluster, "certificatesDir") + "/ca.crt";
        KubeadmSettings.Obj(config, "authorization")["mode"] ??= "Webhook";
        config["cgroupDriver"] ??= "systemd";
        config["clusterDNS"] ??= new JsonArray(TenthServiceIp(KubeadmSettings.S(settings.Cluster, "networking.serviceSubnet")));
        config["clusterDomain"] ??= KubeadmSettings.S(settings.Cluster, "networking.dnsDomain");
        config["healthzBindAddress"] ??= "127.0.0.1";
        config["healthzPort"] ??= 10248;
        config["rotateCertificates"] ??= true;
        config["staticPodPath"] ??= "/etc/kubernetes/manifests";
        Pki.WriteFile(HostPaths.Path("/var/lib/kubelet/config.yaml"), YamlJson.ToYaml(config), secret: false);
        Console.WriteLine("[kubelet-start] Writing kubelet configuration to file \"/var/lib/kubelet/config.yaml\"");

        var args = new List<(string Name, string Value)> { ("container-runtime-endpoint", KubeadmSettings.S(registration, "criSocket")) };
        var name = KubeadmSettings.S(registration, "name");
        if (name != Environment.MachineName.ToLowerInvariant()) args.Add(("hostname-override", name));
        var taints = registration["taints"] as JsonArray;
        if (taints == null && controlPlane) taints = new JsonArray(new JsonObject { ["key"] = "node-role.kubernetes.io/control-plane", ["effect"] = "NoSchedule" });
        if (taints is { Count: > 0 })
            args.Add(("register-with-taints", string.Join(",", taints.Select(t => TaintString(t!)))));
        foreach (var extra in registration["kubeletExtraArgs"] as JsonArray ?? new JsonArray())
        {
            var argName = KubeadmSettings.S(extra, "name");
            args.RemoveAll(a => a.Name == argName);
            args.Add((argName, KubeadmSettings.S(extra, "value")));
        }
        var line = "KUBELET_KUBEADM_ARGS=\"" + string.Join(" ", args.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => $"--{a.Name}={a.Value}")) + "\"\n";
        Pki.WriteFile(HostPaths.Path("/var/lib/kubelet/kubeadm-flags.env"), line, secret: false);
        Console.WriteLine("[kubelet-start] Writing kubelet environment file with flags to file \"/var/lib/kubelet/kubeadm-flags.env\"");
        Console.WriteLine("[kubelet-start] Starting the kubelet");
        if (HostPaths.Systemctl("restart", "kubelet") != 0)
            Console.Error.WriteLine("[kubelet-start] WARNING: unable to start the kubelet service: systemctl restart kubelet failed");
    }

    public static string TaintString(JsonNode taint)
    {
        var value = KubeadmSettings.S(taint, "value");
        return KubeadmSettings.S(taint, "key") + (value.Length > 0 ? "=" + value : "") + ":" + KubeadmSettings.S(taint, "effect");
    }

    private static string TenthServiceIp(string subnet)
    {
        var bytes = IPAddress.Parse(subnet.Split(',')[0].Split('/')[0]).GetAddressBytes();
        bytes[^1] += 10;
        return new IPAddress(bytes).ToString();
    }

    /// <summary>Waits for the kubelet's healthz (kubeadm's [kubelet-check]).</summary>
    public static async Task WaitHealthyAsync(JsonObject? kubeletConfig, TimeSpan timeout)
    {
        var port = (kubeletConfig?["healthzPort"] is { } p ? Common.JsonNumbers.Int(p) : 10248);
        Console.WriteLine($"[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:{port}/healthz. This can take up to {GoDuration.Format(timeout)}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode)
                {
                    Console.WriteLine("[kubelet-check] The kubelet is healthy");
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new CommandException($"error execution phase wait-control-plane: The HTTP call equal to 'curl -sSL http://127.0.0.1:{port}/healthz' returned error: Get \"http://127.0.0.1:{port}/healthz\": dial tcp 127.0.0.1:{port}: connect: connection refused\n\nUnfortunately, an error has occurred, likely caused by:\n\t- The kubelet is not running\n\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)\n\nIf you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:\n\t- 'systemctl status kubelet'\n\t- 'journalctl -xeu kubelet'");
    }
}
