using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Refresh
{
    /// <summary>What to look at on one node: the files to hash and the systemd units to ask about.</summary>
    public sealed record RefreshChecks(IReadOnlyList<string> Files, IReadOnlyList<string> Units);

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
            var script = new StringBuilder("# MultiCloud: refresh. Reads what MultiCloud manages on this node; changes nothing.\n");
            script.Append("export LC_ALL=C\n");
            script.Append(FileHashes.BashFunction).Append('\n');
            script.Append("echo '").Append(FormatLine).Append("'\n");
            script.Append(@"echo ""now $(date +%s)""
os=$(. /etc/os-release 2>/dev/null && echo ""${ID:-unknown} ${VERSION_ID:-unknown}"") || os='unknown unknown'
echo ""os $os""
for key in /etc/ssh/ssh_host_*_key.pub; do
  [ -r ""$key"" ] && echo ""host-key $(cut -d' ' -f1,2 <""$key"")""
done
");
            AppendLoop(script, "file", checks.Files, "echo \"file $(file_sha256 \"$file\") $file\"");
            AppendLoop(script, "unit", checks.Units,
                "active=$(systemctl is-active \"$unit\" 2>/dev/null)\n" +
                "  enabled=$(systemctl is-enabled \"$unit\" 2>/dev/null)\n" +
                "  echo \"service ${active:-unknown} ${enabled:-not-found} $unit\"");
            script.Append(@"# The dump's first line holds the private key: only its public key and port are printed.
if command -v wg >/dev/null 2>&1 && ip link show dev " + InterfaceName + @" >/dev/null 2>&1; then
  wg show " + InterfaceName + @" dump 2>/dev/null | awk -F'\t' 'NR == 1 { print ""wg"", $2, $3; next } { print ""peer"", $1, $3, $4, $5 }'
else
  echo 'wg none'
fi
ss -H -l -n -t -u 2>/dev/null | awk '{ n = split($5, part, "":""); print ""listen"", $1 ""/"" part[n] }' | sort -u
echo '" + EndLine + @"'
");
            return script.ToString();
        }

        private static void AppendLoop(StringBuilder script, string variable, IReadOnlyList<string> values, string body)
        {
            if (values.Count == 0) return;
            script.Append("for ").Append(variable).Append(" in ")
                .Append(string.Join(" ", values.Distinct(StringComparer.Ordinal).Select(BashText.Quote)))
                .Append("; do\n  ").Append(body).Append("\ndone\n");
        }
    }
}
