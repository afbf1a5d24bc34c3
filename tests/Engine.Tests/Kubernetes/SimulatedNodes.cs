using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MultiCloud.Engine.Kubernetes;
using MultiCloud.Engine.Kubernetes.Etcd;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.Tests.Nodes;

namespace MultiCloud.Engine.Tests.Kubernetes;

/// <summary>
/// Test double of the cluster's machines behind IRemoteShell, for whole runs without hosts: it answers each script
/// the engine sends (known by its first comment line) the way a node that did the work would, keeps the files a
/// secret read may ask for (the admin kubeconfig, etcd's CA as the install script wrote it), and prints back the
/// secrets it was sent, as kubeadm does. Like the real transport it passes every output through a SecretRedactor
/// and appends it to the run log, so a test can check what a run leaves behind.
/// </summary>
public sealed class SimulatedNodes : IRemoteShell
{
    private static readonly Regex Wrap = new("MC_WRAP='([0-9a-f]{64})'");
    private static readonly Regex TokenInScript = new(@"[a-z0-9]{6}\.[a-z0-9]{16}");
    private readonly SecretRedactor redactor = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> files = new();
    private readonly ConcurrentDictionary<string, int> roundTrips = new();
    private readonly object logGate = new();

    /// <summary>The machines keep their files from run to run; each run gives its own log.</summary>
    public SimulatedNodes(string clusterCaPem) => ClusterCa = clusterCaPem;

    public string RunLog { get; private set; } = "";

    /// <summary>A new run (a new transport, as the engine makes one per run): its log, and round trips counted from zero.</summary>
    public SimulatedNodes StartRun(string runLog)
    {
        RunLog = runLog;
        roundTrips.Clear();
        return this;
    }

    public string ClusterCa { get; }
    /// <summary>Every script sent, with the secrets registered for redaction at the moment it was sent.</summary>
    public ConcurrentQueue<(string Node, string Description, string Script, string[] RedactedBefore)> Scripts { get; } = new();
    public ConcurrentQueue<string> Redacted { get; } = new();
    public ConcurrentQueue<string> Outputs { get; } = new();

    /// <summary>Nodes whose kubeadm refuses the rendered configuration in `kubeadm config validate`, with kubeadm's message.</summary>
    public Dictionary<string, string> RejectedKubeadmConfig { get; } = new();

    /// <summary>Nodes holding what a cut kubeadm join wrote: their join script resets them first and says so.</summary>
    public HashSet<string> HalfJoined { get; } = new();

    /// <summary>Nodes that refuse connections (as an unreachable machine does).</summary>
    public HashSet<string> Unreachable { get; } = new();

    public Task<HostKey> ConnectAsync(SshTarget target, CancellationToken cancellationToken)
    {
        CheckReachable(target);
        return Task.FromResult(NodeExample.HostKey(7));
    }

    public Task<RemoteResult> RunScriptAsync(SshTarget target, string description, string script, bool allowFailure, CancellationToken cancellationToken)
    {
        CheckReachable(target);
        roundTrips.AddOrUpdate(target.NodeName, 1, (_, n) => n + 1);
        Scripts.Enqueue((target.NodeName, description, script, Redacted.ToArray()));
        var (stdout, stderr) = Answer(target.NodeName, script);
        var result = new RemoteResult(0, redactor.Apply(stdout), redactor.Apply(stderr));
        Outputs.Enqueue(result.StandardOutput + result.StandardError);
        lock (logGate) File.AppendAllText(RunLog, $"==== {target.NodeName} {description}\n{result.StandardOutput}{result.StandardError}\n");
        return Task.FromResult(result);
    }

    public void Redact(string secret)
    {
        Redacted.Enqueue(secret);
        redactor.Add(secret);
    }

    public int RoundTrips(string nodeName) => roundTrips.TryGetValue(nodeName, out var n) ? n : 0;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The file as openssl enc -aes-256-cbc -pbkdf2 -iter 100000 -md sha256 prints it, base64.</summary>
    public static string Encrypt(string content, string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(8);
        var material = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, SecretFiles.Iterations, HashAlgorithmName.SHA256, 48);
        using var aes = Aes.Create();
        aes.Key = material[..32];
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(content), material[32..], PaddingMode.PKCS7);
        return Convert.ToBase64String(Encoding.ASCII.GetBytes("Salted__").Concat(salt).Concat(cipher).ToArray());
    }

    private void CheckReachable(SshTarget target)
    {
        if (Unreachable.Contains(target.NodeName))
            throw new MultiCloudException(ErrorIds.SshConnectionFailed, ErrorKind.Connection, $"node {target.NodeName} ({target.Host}) could not be reached: Connection refused") { Target = target.NodeName };
    }

    private (string Stdout, string Stderr) Answer(string node, string script)
    {
        var first = script.Split('\n')[0];
        var own = files.GetOrAdd(node, _ => new ConcurrentDictionary<string, string>());
        string Report(params string[] pairs) => string.Concat(pairs.Select(p => "multicloud-result: " + p + "\n"));
        if (first.StartsWith("# MultiCloud: prepare a", StringComparison.Ordinal) && first.Contains("for Kubernetes")) return (Report("kubernetes-prepare=ok"), "");
        if (first.StartsWith("# MultiCloud: prepare a", StringComparison.Ordinal)) return (Report("os=debian 12", "prepare=ok"), "");
        if (first.Contains("generate the node's WireGuard key")) return (Report("key=generated", "public-key=" + NodeExample.WireGuardKey(node.Length)), "");
        if (first.Contains("WireGuard mesh configuration")) return (Report("mesh=changed", "action=start"), "");
        if (first.Contains("nginx stream configuration")) return (Report("lb=changed", "action=start"), "");
        if (first.Contains("look for etcd's certificate authority"))
            return own.TryGetValue(EtcdConfig.Pki + "/ca.key", out _)
                ? (Report("ca=present", "ca-cert=" + Convert.ToBase64String(Encoding.ASCII.GetBytes(own[EtcdConfig.Pki + "/ca.crt"]))), "")
                : (Report("ca=absent"), "");
        if (first.Contains("install and start etcd"))
        {
            own[EtcdConfig.Pki + "/ca.crt"] = Heredoc(script, EtcdConfig.Pki + "/ca.crt");
            own[EtcdConfig.Pki + "/ca.key"] = Heredoc(script, EtcdConfig.Pki + "/ca.key");
            return (Report("etcd=changed", "health=ok"), "");
        }
        if (first.Contains("add etcd member")) return (Report("added=yes", "initial-cluster=control-1=https://10.20.0.1:2380," + Regex.Match(script, "name='([^']+)'").Groups[1].Value + "=" + Regex.Match(script, "peer='([^']+)'").Groups[1].Value), "");
        if (first.Contains("remove etcd member")) return (Report("removed=yes"), "");
        if (first.StartsWith("# MultiCloud: read ", StringComparison.Ordinal))
        {
            var path = Regex.Match(script, "file='([^']+)'").Groups[1].Value;
            var content = own.TryGetValue(path, out var found) ? found : throw new InvalidOperationException(node + " has no " + path);
            return (Report("wrapped=" + Encrypt(content, Wrap.Match(script).Groups[1].Value)), "");
        }
        if ((first.Contains("kubeadm init") || first.Contains("kubeadm join")) && RejectedKubeadmConfig.TryGetValue(node, out var rejection))
            return (rejection + "\n" + Report("kubeadm-config=invalid"), "");
        if (first.Contains("kubeadm init"))
        {
            own[KubeadmScripts.AdminConfig] = "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.20.0.1:6443\n  name: kubernetes\nusers:\n- name: admin\n  user:\n    client-key-data: QURNSU4tS0VZ\n";
            // kubeadm prints the join command with the token and the certificate key; --skip-*-print or not, the log must not keep them.
            return (Report("init=done") + "kubeadm join lb:6443 --token " + TokenInScript.Match(script).Value + " --certificate-key " + Regex.Match(script, "certificateKey: \"([0-9a-f]{64})\"").Groups[1].Value + "\n", "");
        }
        if (first.Contains("a bootstrap token for the join")) return (Report("token=created", "ca-cert=" + Convert.ToBase64String(Encoding.ASCII.GetBytes(ClusterCa))), "");
        if (first.Contains("is this node joined")) return (Report("joined=no"), "");
        if (first.Contains("kubeadm join")) return (Report(HalfJoined.Remove(node) ? new[] { "reset=yes", "join=done" } : new[] { "join=done" }), "[discovery] using token " + TokenInScript.Match(script).Value + "\n");
        if (first.Contains("apply Longhorn")) return (Report("longhorn=applied"), "");
        if (first.Contains("take Kubernetes off")) return (Report("reset=done"), "");
        if (first.Contains("release the machine")) return (Report("release=changed"), "");
        throw new InvalidOperationException("SimulatedNodes does not know the script " + first);
    }

    private static string Heredoc(string script, string path)
    {
        var start = script.IndexOf("write_if_changed " + path + " ", StringComparison.Ordinal);
        var body = script.IndexOf('\n', start) + 1;
        var end = script.IndexOf("\n" + BashText.HeredocDelimiter + "\n", body, StringComparison.Ordinal);
        return script.Substring(body, end - body + 1);
    }
}
