using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiCloud.KubeDoubles.Tests.Infrastructure;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.KubeDoubles.Tests;

/// <summary>
/// The lab boundary end to end, by hand the way docs/kubernetes.md says a real host is set up: three lab hosts
/// install containerd and the CNI plugins from Debian and kubeadm/kubelet/kubectl from the lab package repository
/// with apt, run etcd from the release archive, and become a cluster through kubeadm init, a control-plane join and
/// a worker join with v1beta4 configurations. The real kubectl sees three Ready nodes, and the API keeps answering
/// with one control host powered off.
/// </summary>
public sealed class LabClusterTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    [LabFact]
    public async Task ThreeHosts_InitAndJoins_ThreeReadyNodesAndSurvivesLosingAControlHost()
    {
        var lab = await LabScript.UpAsync(3);
        try
        {
            var repo = lab.Repository ?? throw new InvalidOperationException("lab.sh up did not report its package repository");
            var shell = new HostShell(lab.KeyPath);
            var (h1, h2, h3) = (lab.Hosts[0], lab.Hosts[1], lab.Hosts[2]);
            await Task.WhenAll(lab.Hosts.Select(h => shell.OutputAsync(h, Prepare(repo), Long)));
            var cluster = string.Join(",", lab.Hosts.Select(h => $"{h.Name}=http://{h.Address}:2380"));
            await Task.WhenAll(lab.Hosts.Select(h => shell.OutputAsync(h, Etcd(h, cluster))));
            await shell.OutputAsync(h1, "for i in $(seq 120); do etcdctl --endpoints http://127.0.0.1:2379 endpoint health --cluster && exit 0; sleep 1; done; exit 1", Long);

            var endpoints = string.Join(", ", lab.Hosts.Select(h => $"http://{h.Address}:2379"));
            var init = await shell.OutputAsync(h1, $"cat > /root/kubeadm.yaml <<'EOF'\n{InitConfig(h1, endpoints)}\nEOF\nkubeadm init --config /root/kubeadm.yaml --upload-certs", Long);
            var key = Regex.Match(init, @"Using certificate key:\n([0-9a-f]{64})").Groups[1].Value;
            Assert.Equal(64, key.Length);
            var hash = CaPin(await shell.OutputAsync(h1, "cat /etc/kubernetes/pki/ca.crt"));

            var token = (await shell.OutputAsync(h1, "kubeadm token create --ttl 15m")).Trim();
            await shell.OutputAsync(h2, $"cat > /root/join.yaml <<'EOF'\n{JoinConfig(h2, h1, token, hash, key)}\nEOF\nkubeadm join --config /root/join.yaml", Long);
            token = (await shell.OutputAsync(h1, "kubeadm token create --ttl 15m")).Trim();
            await shell.OutputAsync(h3, $"cat > /root/join.yaml <<'EOF'\n{JoinConfig(h3, h1, token, hash, null)}\nEOF\nkubeadm join --config /root/join.yaml", Long);

            var ready = await shell.OutputAsync(h1, """
                export KUBECONFIG=/etc/kubernetes/admin.conf
                for i in $(seq 90); do
                  n=$(kubectl get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True)
                  [ "$n" = 3 ] && { kubectl get nodes -o json; exit 0; }
                  sleep 2
                done
                kubectl get nodes; exit 1
                """, Long);
            var nodes = JsonDocument.Parse(ready).RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(lab.Hosts.Select(h => h.Name).Order(), nodes.Select(n => n.GetProperty("metadata").GetProperty("name").GetString()!).Order());
            var roles = nodes.ToDictionary(n => n.GetProperty("metadata").GetProperty("name").GetString()!,
                n => n.GetProperty("metadata").GetProperty("labels").TryGetProperty("node-role.kubernetes.io/control-plane", out _));
            Assert.True(roles[h1.Name] && roles[h2.Name] && !roles[h3.Name]);

            await LabScript.StopAsync(lab.Id, h2);
            var after = await shell.OutputAsync(h1, """
                export KUBECONFIG=/etc/kubernetes/admin.conf
                printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: after-stop, namespace: default}\ndata: {k: v}\n' | kubectl apply -f - >/dev/null
                kubectl get configmap after-stop -n default -o jsonpath='{.data.k}'
                """);
            Assert.Equal("v", after.Trim());
        }
        finally
        {
            await LabScript.DownAsync(lab.Id);
        }
    }

    private static string CaPin(string pem) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(X509Certificate2.CreateFromPem(pem).PublicKey.ExportSubjectPublicKeyInfo()));

    // What docs/kubernetes.md says a node gets, done by hand.
    private static string Prepare(LabRepository repo) => $$$"""
        set -e
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q >/tmp/prepare.log 2>&1
        apt-get install -y -q --no-install-recommends curl gnupg containerd containernetworking-plugins >>/tmp/prepare.log 2>&1
        swapoff -a || true
        install -d -m 0755 /etc/apt/keyrings
        curl -fsSL {{{repo.PackagesKey}}} | gpg --dearmor --yes -o /etc/apt/keyrings/multicloud-kubernetes.gpg
        echo "deb [signed-by=/etc/apt/keyrings/multicloud-kubernetes.gpg] {{{repo.Packages}}} /" >/etc/apt/sources.list.d/multicloud-kubernetes.list
        apt-get update -q >>/tmp/prepare.log 2>&1
        apt-get install -y -q kubeadm='1.32.3-*' kubelet='1.32.3-*' kubectl='1.32.3-*' >>/tmp/prepare.log 2>&1
        apt-mark hold kubeadm kubelet kubectl >/dev/null
        curl -fsSL {{{repo.Downloads}}}/v3.5.16/etcd-v3.5.16-linux-amd64.tar.gz | tar -xz -C /tmp
        install -m 0755 /tmp/etcd-v3.5.16-linux-amd64/etcd /tmp/etcd-v3.5.16-linux-amd64/etcdctl /usr/local/bin/
        mkdir -p /etc/cni/net.d
        cat >/etc/cni/net.d/10-multicloud.conflist <<'EOF'
        {"cniVersion": "1.0.0", "name": "multicloud", "plugins": [{"type": "bridge", "bridge": "mc0", "ipam": {"type": "host-local", "subnet": "10.244.0.0/24"}}, {"type": "loopback"}]}
        EOF
        systemctl is-active -q containerd
        systemctl is-enabled -q kubelet
        """;

    private static string Etcd(LabHost host, string cluster) => $"""
        cat >/etc/systemd/system/multicloud-etcd.service <<'EOF'
        [Unit]
        Description=etcd (lab smoke test)
        [Service]
        ExecStart=/usr/local/bin/etcd --name {host.Name} --data-dir /var/lib/etcd --listen-client-urls http://{host.Address}:2379,http://127.0.0.1:2379 --advertise-client-urls http://{host.Address}:2379 --listen-peer-urls http://{host.Address}:2380 --initial-advertise-peer-urls http://{host.Address}:2380 --initial-cluster {cluster} --initial-cluster-state new
        Restart=always
        [Install]
        WantedBy=multi-user.target
        EOF
        systemctl daemon-reload
        systemctl enable --now --no-block multicloud-etcd
        """;

    private static string InitConfig(LabHost host, string endpoints) =>
        KubeadmConfigs.Init(host.Name, host.Address, 6443, $"    endpoints: [{endpoints}]");

    private static string JoinConfig(LabHost host, LabHost first, string token, string hash, string? certificateKey)
    {
        var controlPlane = certificateKey == null ? "" : $"""

            controlPlane:
              certificateKey: {certificateKey}
              localAPIEndpoint:
                advertiseAddress: {host.Address}
                bindPort: 6443
            """;
        return $"""
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: JoinConfiguration
            nodeRegistration:
              name: {host.Name}
              kubeletExtraArgs:
              - name: node-ip
                value: {host.Address}
            discovery:
              bootstrapToken:
                apiServerEndpoint: {first.Address}:6443
                token: {token}
                caCertHashes: [{hash}]{controlPlane}
            """;
    }
}
