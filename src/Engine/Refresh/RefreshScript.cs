using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Refresh
{
    /// <summary>
    /// What to look at on one node: the files to hash, the systemd units to ask about, and, on a joined control node,
    /// the admin kubeconfig to ask the Kubernetes API with (null: do not ask).
    /// </summary>
    public sealed record RefreshChecks(IReadOnlyList<string> Files, IReadOnlyList<string> Units, string? Kubeconfig = null);

    /// <summary>
    /// The one script a refresh runs on a node, in one round trip. It only reads: the OS release, the SSH host keys,
    /// the hash of every file asked about, whether each unit is active and enabled, the live WireGuard interface
    /// (public key, port, and per peer its endpoint, allowed IPs and latest handshake; never the private key), and the
    /// ports something listens on. It never stops half way (no set -e): a missing tool shows as a missing answer.
    /// Output, one fact per line, parsed by <see cref="RefreshOutput"/>:
    /// <code>
    /// mc-refresh 1
    /// now EPOCH
    /// os ID VERSION
    /// host-key TYPE BASE64
    /// file SHA256|absent PATH
    /// service ACTIVE ENABLED UNIT
    /// wg PUBLIC-KEY PORT            (or: wg none)
    /// peer PUBLIC-KEY ENDPOINT ALLOWED-IPS LATEST-HANDSHAKE-EPOCH
    /// listen PROTOCOL/PORT
    /// k8s-api ok|none WHY|error MESSAGE   (only when asked: the API as the node's admin kubeconfig reaches it)
    /// k8s-node NAME READY REASON          (per Node object: its Ready condition's status and reason, "-" for none)
    /// end
    /// </code>
    /// </summary>
    public static class RefreshScript
    {
        public const string FormatLine = "mc-refresh 1";
        public const string EndLine = "end";
        public const string InterfaceName = "wg0";

        public static string Render(RefreshChecks checks)
        {
            if (checks is null) throw new ArgumentNullException(nameof(checks));
            // Few processes on purpose (seven, whatever the number of files and units): on a busy host each
            // process start costs more than the reading itself. Builtins do the rest.
            var script = new StringBuilder("# MultiCloud: refresh. Reads what MultiCloud manages on this node; changes nothing.\n");
            script.Append("export LC_ALL=C\n");
            script.Append("echo '").Append(FormatLine).Append("'\n");
            script.Append(@"echo ""now ${EPOCHSECONDS:-$(date +%s)}""
id=unknown version=unknown
if [ -r /etc/os-release ]; then
  while IFS='=' read -r key value; do
    value=${value#\""}; value=${value%\""}
    case $key in ID) id=$value ;; VERSION_ID) version=$value ;; esac
  done </etc/os-release
fi
echo ""os $id $version""
for key in /etc/ssh/ssh_host_*_key.pub; do
  [ -r ""$key"" ] && read -r type blob _ <""$key"" && echo ""host-key $type $blob""
done
");
            if (checks.Files.Count > 0)
            {
                script.Append("files=(").Append(Words(checks.Files)).Append(@")
present=()
for file in ""${files[@]}""; do
  if [ -f ""$file"" ]; then present+=(""$file""); else echo ""file " + FileHashes.Absent + @" $file""; fi
done
# sha256sum prints the hash, two spaces and the path.
[ ${#present[@]} -eq 0 ] || sha256sum -- ""${present[@]}"" 2>/dev/null | awk '{ print ""file"", $1, substr($0, 67) }'
");
            }
            if (checks.Units.Count > 0)
            {
                // One systemctl show for every unit: a block per unit, in the order given (is-enabled would stop at
                // the first unit that does not exist). An empty UnitFileState means no unit file: not-found.
                script.Append("units=(").Append(Words(checks.Units)).Append(@")
systemctl show -p ActiveState -p UnitFileState -- ""${units[@]}"" 2>/dev/null | awk -v list=""${units[*]}"" '
  BEGIN { RS = """"; FS = ""\n""; split(list, unit, "" "") }
  { active = ""unknown""; enabled = ""not-found""
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^ActiveState=./) active = substr($i, 13)
      else if ($i ~ /^UnitFileState=./) enabled = substr($i, 15)
    }
    print ""service"", active, enabled, unit[NR] }'
");
            }
            script.Append(@"# The dump's first line holds the private key: only its public key and port are printed.
if command -v wg >/dev/null 2>&1; then
  wg show " + InterfaceName + @" dump 2>/dev/null | awk -F'\t' 'NR == 1 { print ""wg"", $2, $3; next } { print ""peer"", $1, $3, $4, $5 } END { if (NR == 0) print ""wg none"" }'
else
  echo 'wg none'
fi
ss -H -l -n -t -u 2>/dev/null | awk '{ n = split($5, part, "":""); port = $1 ""/"" part[n]; if (!seen[port]++) print ""listen"", port }'
");
            if (checks.Kubeconfig != null) script.Append(KubernetesNodes(checks.Kubeconfig));
            script.Append("echo '").Append(EndLine).Append("'\n");
            return script.ToString();
        }

        /// <summary>
        /// Every Node's Ready condition as kubectl sees it with the node's admin kubeconfig, whose server is the API
        /// endpoint (the load balancer): the answer also says the API is served through it. Bounded in time, and its
        /// failure is a fact, not a failed script. kubectl's errors name URLs and reasons, never credentials. Only lines
        /// with the two tabs the template prints are Nodes: a warning kubectl writes on stderr is not one.
        /// </summary>
        private static string KubernetesNodes(string kubeconfig)
        {
            var config = BashText.Quote(kubeconfig);
            return @"if [ ! -r " + config + @" ]; then
  echo 'k8s-api none no admin kubeconfig on this node'
elif ! command -v kubectl >/dev/null 2>&1; then
  echo 'k8s-api none kubectl is not installed on this node'
elif nodes=$(timeout 20 kubectl --kubeconfig " + config + @" --request-timeout=15s get nodes -o jsonpath='{range .items[*]}{.metadata.name}{""\t""}{.status.conditions[?(@.type==""Ready"")].status}{""\t""}{.status.conditions[?(@.type==""Ready"")].reason}{""\n""}{end}' 2>&1); then
  echo 'k8s-api ok'
  printf '%s\n' ""$nodes"" | awk -F'\t' 'NF >= 3 && $1 != """" { print ""k8s-node"", $1, ($2 == """" ? ""Unknown"" : $2), ($3 == """" ? ""-"" : $3) }'
else
  echo ""k8s-api error $(printf '%s' ""$nodes"" | tr '\r\n\t' '   ' | cut -c1-300)""
fi
";
        }

        private static string Words(IReadOnlyList<string> values) =>
            string.Join(" ", values.Distinct(StringComparer.Ordinal).Select(BashText.Quote));
    }
}
