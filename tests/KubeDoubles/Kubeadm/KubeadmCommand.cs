using System.Text.Json.Nodes;
using MultiCloud.KubeDoubles.Common;

namespace MultiCloud.KubeDoubles.Kubeadm;

/// <summary>
/// TEST DOUBLE of kubeadm 1.32: the command tree and flag sets of cmd/kubeadm/app/cmd for init, init phase
/// upload-certs, join, token create/list/delete, reset, version and config validate. Unknown flags, flags mixed with
/// --config and misplaced arguments fail with kubeadm's words and exit code 1.
/// </summary>
public static class KubeadmCommand
{
    private static readonly string[] GlobalStrings = { "log-file", "rootfs" };
    private static readonly string[] GlobalBools = { "add-dir-header", "one-output", "skip-headers", "skip-log-headers" };

    // cmd/kubeadm/app/apis/kubeadm/validation: the flags that may go with --config (and any --skip-*).
    private static readonly HashSet<string> AllowedWithConfig = new()
    {
        "config", "ignore-preflight-errors", "dry-run", "kubeconfig", "node-name", "kubeconfig-dir", "upload-certs",
        "print-join-command", "rootfs", "v", "log-file",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return await DispatchAsync(args);
        }
        catch (CommandException error)
        {
            // kubeadm's CheckErr adds this line to every error it prints.
            throw new CommandException(error.Message + "\nTo see the stack trace of this error execute with --v=5 or higher", error.ExitCode);
        }
    }

    private static async Task<int> DispatchAsync(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        var rest = args.Skip(words.Count).ToList();
        var command = string.Join(" ", words);
        // cobra takes the longest known command path; the remaining words are positional arguments.
        var known = new[] { "init phase upload-certs", "init", "join", "token create", "token list", "token delete", "reset", "version", "config validate" };
        var path = known.FirstOrDefault(k => command == k || command.StartsWith(k + " ", StringComparison.Ordinal));
        if (path == null)
        {
            if (words.Count == 0) throw new CommandException("kubeadm (lab test double): missing command; see tests/lab/README.md");
            throw new CommandException($"unknown command \"{words[0]}\" for \"kubeadm\"");
        }
        var positional = words.Skip(path.Split(' ').Length).Concat(rest).ToList();
        var flags = Flags(path).Parse(positional);
        if (flags.Changed("config") && path is "init" or "join" or "init phase upload-certs")
        {
            var mixed = flags.ChangedNames.Where(n => !AllowedWithConfig.Contains(n) && !n.StartsWith("skip-", StringComparison.Ordinal)).ToList();
            if (mixed.Count > 0) throw new CommandException($"can not mix '--config' with arguments [{string.Join(" ", mixed)}]");
        }
        return path switch
        {
            "init" => await InitCommand.RunAsync(flags),
            "init phase upload-certs" => await UploadCertsPhaseAsync(flags),
            "join" => await JoinCommand.RunAsync(flags),
            "token create" => await TokenCommand.CreateAsync(flags),
            "token list" => await TokenCommand.ListAsync(flags),
            "token delete" => await TokenCommand.DeleteAsync(flags),
            "reset" => ResetCommand.Run(flags),
            "version" => Version(flags),
            _ => ValidateConfig(flags),
        };
    }

    private static FlagSet Flags(string path)
    {
        var flags = new FlagSet().Define(FlagKind.String, GlobalStrings).Define(FlagKind.Bool, GlobalBools)
            .Define("v", FlagKind.Int, 'v').Define("log-file-max-size", FlagKind.Int);
        switch (path)
        {
            case "init":
                flags.Define(FlagKind.String, "apiserver-advertise-address", "cert-dir", "certificate-key", "config", "control-plane-endpoint",
                        "cri-socket", "feature-gates", "image-repository", "kubernetes-version", "node-name", "patches", "pod-network-cidr",
                        "service-cidr", "service-dns-domain", "token")
                    .Define(FlagKind.Int, "apiserver-bind-port").Define(FlagKind.StringSlice, "apiserver-cert-extra-sans", "ignore-preflight-errors", "skip-phases")
                    .Define(FlagKind.Bool, "dry-run", "skip-certificate-key-print", "skip-token-print", "upload-certs").Define("token-ttl", FlagKind.Duration);
                break;
            case "init phase upload-certs":
                flags.Define(FlagKind.String, "certificate-key", "config", "kubeconfig").Define(FlagKind.Bool, "dry-run", "skip-certificate-key-print", "upload-certs");
                break;
            case "join":
                flags.Define(FlagKind.String, "apiserver-advertise-address", "certificate-key", "config", "cri-socket", "discovery-file",
                        "discovery-token", "node-name", "patches", "tls-bootstrap-token", "token")
                    .Define(FlagKind.Int, "apiserver-bind-port").Define(FlagKind.StringSlice, "discovery-token-ca-cert-hash", "ignore-preflight-errors", "skip-phases")
                    .Define(FlagKind.Bool, "control-plane", "discovery-token-unsafe-skip-ca-verification", "dry-run");
                break;
            case "token create":
                flags.Define(FlagKind.String, "certificate-key", "config", "description", "kubeconfig").Define(FlagKind.StringSlice, "groups", "usages")
                    .Define(FlagKind.Bool, "print-join-command", "dry-run").Define("ttl", FlagKind.Duration);
                break;
            case "token list":
                flags.Define(FlagKind.String, "kubeconfig", "output", "template").Define("o", FlagKind.String).Define(FlagKind.Bool, "dry-run", "allow-missing-template-keys", "show-managed-fields");
                break;
            case "token delete":
                flags.Define(FlagKind.String, "kubeconfig").Define(FlagKind.Bool, "dry-run");
                break;
            case "reset":
                flags.Define(FlagKind.String, "cert-dir", "config", "cri-socket", "kubeconfig").Define(FlagKind.StringSlice, "ignore-preflight-errors", "skip-phases")
                    .Define(FlagKind.Bool, "cleanup-tmp-dir", "dry-run").Define("force", FlagKind.Bool, 'f');
                break;
            case "version":
                flags.Define("output", FlagKind.String, 'o');
                break;
            case "config validate":
                flags.Define(FlagKind.String, "config", "kubeconfig").Define(FlagKind.Bool, "allow-experimental-api");
                break;
        }
        return flags;
    }

    private static async Task<int> UploadCertsPhaseAsync(FlagSet flags)
    {
        if (!flags.Bool("upload-certs"))
        {
            Console.WriteLine("[upload-certs] Skipping phase. Please see --upload-certs");
            return 0;
        }
        var settings = KubeadmSettings.Load(flags.String("config"), "init");
        var client = ClusterClient.FromKubeconfig(flags.String("kubeconfig") ?? "/etc/kubernetes/admin.conf");
        var key = flags.String("certificate-key") is { Length: > 0 } given ? given : KubeadmSettings.S(settings.Init, "certificateKey");
        if (key.Length == 0) key = CertificateUpload.NewKey();
        else if (key.Length != 64 || !key.All(Uri.IsHexDigit)) throw new CommandException("error execution phase upload-certs: error decoding certificate key: encoding/hex: invalid byte");
        await CertificateUpload.UploadAsync(client, settings, key);
        if (!flags.Bool("skip-certificate-key-print")) Console.WriteLine($"[upload-certs] Using certificate key:\n{key}");
        return 0;
    }

    private static int Version(FlagSet flags)
    {
        var info = ApiServer.Discovery.Version();
        switch (flags.String("output") ?? "")
        {
            case "short": Console.WriteLine(info["gitVersion"]); break;
            case "json": Console.WriteLine(new JsonObject { ["clientVersion"] = info }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })); break;
            case "yaml": Console.Write(YamlJson.ToYaml(new JsonObject { ["clientVersion"] = info })); break;
            case "": Console.WriteLine($"kubeadm version: &version.Info{{Major:\"1\", Minor:\"32\", GitVersion:\"{info["gitVersion"]}\", GitCommit:\"{info["gitCommit"]}\", GitTreeState:\"clean\", BuildDate:\"{info["buildDate"]}\", GoVersion:\"{info["goVersion"]}\", Compiler:\"gc\", Platform:\"linux/amd64\"}}"); break;
            default: throw new CommandException($"invalid output format: {flags.String("output")}");
        }
        return 0;
    }

    private static int ValidateConfig(FlagSet flags)
    {
        var path = flags.String("config") ?? throw new CommandException("the --config flag is mandatory");
        var docs = ConfigDecoder.Load(path, strict: true);
        if (docs.All(d => d.Kind is not ("InitConfiguration" or "ClusterConfiguration" or "JoinConfiguration" or "ResetConfiguration" or "UpgradeConfiguration")))
            throw new CommandException("no InitConfiguration, ClusterConfiguration, JoinConfiguration, ResetConfiguration or UpgradeConfiguration kind was found in the configuration file");
        var kind = docs.Any(d => d.Kind == "JoinConfiguration") ? "join" : "init";
        KubeadmSettings.Load(path, kind, strict: true).Validate(kind);
        Console.WriteLine("ok");
        return 0;
    }
}
