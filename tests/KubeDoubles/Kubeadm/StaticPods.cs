using System.Text.Json.Nodes;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>The control-plane static pod manifests kubeadm's control-plane phase writes, with the same commands.</summary>
public static class StaticPods
{
    public static void Write(KubeadmSettings settings, string advertise, int port)
    {
        var c = settings.Cluster;
        var pki = KubeadmSettings.S(c, "certificatesDir");
        var repo = KubeadmSettings.S(c, "imageRepository");
        var version = KubeadmSettings.S(c, "kubernetesVersion");
        if (!version.StartsWith('v')) version = "v" + version;
        var api = new List<string>
        {
            $"--advertise-address={advertise}", "--allow-privileged=true", "--authorization-mode=Node,RBAC",
            $"--client-ca-file={pki}/ca.crt", "--enable-admission-plugins=NodeRestriction", "--enable-bootstrap-token-auth=true",
        };
        if (c["etcd"]?["external"] is JsonObject ext)
        {
            foreach (var (flag, field) in new[] { ("etcd-cafile", "caFile"), ("etcd-certfile", "certFile"), ("etcd-keyfile", "keyFile") })
                if (KubeadmSettings.S(ext, field) is { Length: > 0 } file) api.Add($"--{flag}={file}");
            api.Add($"--etcd-servers={string.Join(",", (ext["endpoints"] as JsonArray ?? new JsonArray()).Select(e => e!.GetValue<string>()))}");
        }
        else
        {
            api.AddRange(new[] { $"--etcd-cafile={pki}/etcd/ca.crt", $"--etcd-certfile={pki}/apiserver-etcd-client.crt", $"--etcd-keyfile={pki}/apiserver-etcd-client.key", "--etcd-servers=https://127.0.0.1:2379" });
        }
        api.AddRange(new[]
        {
            $"--kubelet-client-certificate={pki}/apiserver-kubelet-client.crt", $"--kubelet-client-key={pki}/apiserver-kubelet-client.key",
            "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname", $"--proxy-client-cert-file={pki}/front-proxy-client.crt",
            $"--proxy-client-key-file={pki}/front-proxy-client.key", "--requestheader-allowed-names=front-proxy-client",
            $"--requestheader-client-ca-file={pki}/front-proxy-ca.crt", "--requestheader-extra-headers-prefix=X-Remote-Extra-",
            "--requestheader-group-headers=X-Remote-Group", "--requestheader-username-headers=X-Remote-User", $"--secure-port={port}",
            $"--service-account-issuer=https://kubernetes.default.svc.{KubeadmSettings.S(c, "networking.dnsDomain")}",
            $"--service-account-key-file={pki}/sa.pub", $"--service-account-signing-key-file={pki}/sa.key",
            $"--service-cluster-ip-range={KubeadmSettings.S(c, "networking.serviceSubnet")}", $"--tls-cert-file={pki}/apiserver.crt",
            $"--tls-private-key-file={pki}/apiserver.key",
        });
        var cm = new List<string>
        {
            "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf", "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
            "--bind-address=127.0.0.1", $"--client-ca-file={pki}/ca.crt", $"--cluster-name={KubeadmSettings.S(c, "clusterName")}",
            $"--cluster-signing-cert-file={pki}/ca.crt", $"--cluster-signing-key-file={pki}/ca.key", "--controllers=*,bootstrapsigner,tokencleaner",
            "--kubeconfig=/etc/kubernetes/controller-manager.conf", "--leader-elect=true", $"--requestheader-client-ca-file={pki}/front-proxy-ca.crt",
            $"--root-ca-file={pki}/ca.crt", $"--service-account-private-key-file={pki}/sa.key", "--use-service-account-credentials=true",
        };
        if (KubeadmSettings.S(c, "networking.podSubnet").Length > 0)
        {
            cm.Add("--allocate-node-cidrs=true");
            cm.Add($"--cluster-cidr={KubeadmSettings.S(c, "networking.podSubnet")}");
        }
        var scheduler = new List<string> { "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf", "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf", "--bind-address=127.0.0.1", "--kubeconfig=/etc/kubernetes/scheduler.conf", "--leader-elect=true" };
        WriteOne("kube-apiserver", $"{repo}/kube-apiserver:{version}", Merge(api, c["apiServer"]?["extraArgs"]), advertise, port);
        WriteOne("kube-controller-manager", $"{repo}/kube-controller-manager:{version}", Merge(cm, c["controllerManager"]?["extraArgs"]), null, 10257);
        WriteOne("kube-scheduler", $"{repo}/kube-scheduler:{version}", Merge(scheduler, c["scheduler"]?["extraArgs"]), null, 10259);
    }

    // extraArgs override a default flag of the same name and add the others, sorted by name as kubeadm sorts them.
    private static List<string> Merge(List<string> defaults, JsonNode? extra)
    {
        var args = defaults.Select(a => (Name: a[2..a.IndexOf('=')], Value: a[(a.IndexOf('=') + 1)..])).ToList();
        foreach (var arg in extra as JsonArray ?? new JsonArray())
        {
            var name = KubeadmSettings.S(arg, "name");
            args.RemoveAll(a => a.Name == name);
            args.Add((name, KubeadmSettings.S(arg, "value")));
        }
        return args.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => $"--{a.Name}={a.Value}").ToList();
    }

    private static void WriteOne(string component, string image, List<string> args, string? probeHost, int port)
    {
        var command = new JsonArray(args.Prepend(component).Select(a => (JsonNode)a).ToArray());
        var probe = new JsonObject
        {
            ["failureThreshold"] = 8,
            ["httpGet"] = new JsonObject { ["host"] = probeHost ?? "127.0.0.1", ["path"] = component == "kube-apiserver" ? "/livez" : "/healthz", ["port"] = port, ["scheme"] = "HTTPS" },
            ["initialDelaySeconds"] = 10, ["periodSeconds"] = 10, ["timeoutSeconds"] = 15,
        };
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["labels"] = new JsonObject { ["component"] = component, ["tier"] = "control-plane" },
                ["name"] = component, ["namespace"] = "kube-system",
            },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["command"] = command, ["image"] = image, ["imagePullPolicy"] = "IfNotPresent", ["livenessProbe"] = probe,
                    ["name"] = component,
                    ["volumeMounts"] = new JsonArray(
                        new JsonObject { ["mountPath"] = "/etc/kubernetes", ["name"] = "k8s", ["readOnly"] = true },
                        new JsonObject { ["mountPath"] = "/etc/etcd", ["name"] = "etcd-pki", ["readOnly"] = true }),
                }),
                ["hostNetwork"] = true, ["priority"] = 2000001000, ["priorityClassName"] = "system-node-critical",
                ["securityContext"] = new JsonObject { ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" } },
                ["volumes"] = new JsonArray(
                    new JsonObject { ["hostPath"] = new JsonObject { ["path"] = "/etc/kubernetes", ["type"] = "DirectoryOrCreate" }, ["name"] = "k8s" },
                    new JsonObject { ["hostPath"] = new JsonObject { ["path"] = "/etc/etcd", ["type"] = "DirectoryOrCreate" }, ["name"] = "etcd-pki" }),
            },
            ["status"] = new JsonObject(),
        };
        var path = HostPaths.Path($"/etc/kubernetes/manifests/{component}.yaml");
        Pki.WriteFile(path, YamlJson.ToYaml(pod), secret: true);
        Console.WriteLine($"[control-plane] Creating static Pod manifest for \"{component}\"");
    }
}
