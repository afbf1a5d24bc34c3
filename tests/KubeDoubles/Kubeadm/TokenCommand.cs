using System.Text;
using k8s;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>kubeadm token create / list / delete.</summary>
public static class TokenCommand
{
    public static async Task<int> CreateAsync(FlagSet flags)
    {
        if (flags.Positional.Count > 1) throw new CommandException($"accepts at most 1 arg(s), received {flags.Positional.Count}");
        var client = ClusterClient.FromKubeconfig(flags.String("kubeconfig") ?? "/etc/kubernetes/admin.conf");
        var token = flags.Positional.Count == 1 ? flags.Positional[0] : BootstrapTokenStore.NewToken();
        var ttl = GoDuration.TryParse(flags.String("ttl") ?? "24h0m0s")!.Value;
        var usages = flags.Changed("usages") ? flags.Slice("usages") : new[] { "signing", "authentication" };
        var groups = flags.Changed("groups") ? flags.Slice("groups") : new[] { BootstrapTokenStore.DefaultGroup };
        await BootstrapTokenStore.CreateAsync(client, token, ttl, usages, groups, flags.String("description") ?? "", failIfExists: true);
        if (usages.Contains("signing")) await WaitForSignatureAsync(client, token[..6]);
        if (flags.Bool("print-join-command"))
        {
            var map = await client.CoreV1.ReadNamespacedConfigMapAsync("cluster-info", "kube-public");
            var (server, caPem) = ClusterInfo.Parse(map.Data["kubeconfig"]);
            var line = $"kubeadm join {new Uri(server).Authority} --token {token} --discovery-token-ca-cert-hash {Pki.PublicKeyPin(Pki.LoadCertificate(caPem))} ";
            if (flags.String("certificate-key") is { Length: > 0 } key) line += $"--control-plane --certificate-key {key}";
            Console.WriteLine(line);
        }
        else
        {
            Console.WriteLine(token);
        }
        return 0;
    }

    // The controller-manager double signs cluster-info by polling; a join started right after `token create` must not
    // race it (the real bootstrapsigner reacts to the Secret's watch event within milliseconds).
    private static async Task WaitForSignatureAsync(Kubernetes client, string id)
    {
        for (var i = 0; i < 40; i++)
        {
            try
            {
                var map = await client.CoreV1.ReadNamespacedConfigMapAsync("cluster-info", "kube-public");
                if (map.Data?.ContainsKey(ClusterInfo.JwsPrefix + id) == true) return;
            }
            catch (k8s.Autorest.HttpOperationException) { }
            await Task.Delay(250);
        }
    }

    public static async Task<int> ListAsync(FlagSet flags)
    {
        var client = ClusterClient.FromKubeconfig(flags.String("kubeconfig") ?? "/etc/kubernetes/admin.conf");
        var secrets = await client.CoreV1.ListNamespacedSecretAsync("kube-system", fieldSelector: "type=bootstrap.kubernetes.io/token");
        Console.WriteLine("TOKEN                     TTL         EXPIRES                USAGES                   DESCRIPTION   EXTRA GROUPS");
        foreach (var s in secrets.Items)
        {
            string F(string k) => s.Data != null && s.Data.TryGetValue(k, out var v) ? Encoding.UTF8.GetString(v) : "";
            var usages = string.Join(",", s.Data?.Keys.Where(k => k.StartsWith("usage-bootstrap-", StringComparison.Ordinal)).Select(k => k["usage-bootstrap-".Length..]) ?? Array.Empty<string>());
            Console.WriteLine($"{F("token-id")}.<redacted>   {F("expiration"),-22} {usages,-24} {F("description")}   {F("auth-extra-groups")}");
        }
        return 0;
    }

    public static async Task<int> DeleteAsync(FlagSet flags)
    {
        if (flags.Positional.Count == 0) throw new CommandException("missing subcommand; 'token delete' is missing token of form \"[a-z0-9]{6}\" or \"[a-z0-9]{6}\\.[a-z0-9]{16}\"");
        var client = ClusterClient.FromKubeconfig(flags.String("kubeconfig") ?? "/etc/kubernetes/admin.conf");
        foreach (var token in flags.Positional)
        {
            var id = token.Split('.')[0];
            try { await client.CoreV1.DeleteNamespacedSecretAsync("bootstrap-token-" + id, "kube-system"); }
            catch (Exception error) when (ClusterClient.IsStatus(error, System.Net.HttpStatusCode.NotFound))
            {
                throw new CommandException($"failed to delete bootstrap token \"{id}\": secrets \"bootstrap-token-{id}\" not found");
            }
            Console.WriteLine($"bootstrap token \"{id}\" deleted");
        }
        return 0;
    }
}
