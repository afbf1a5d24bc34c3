using System.Collections.Generic;
using System.Text;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>
    /// The script that readies a node: checks the OS, installs the packages its role needs (only what is missing,
    /// so a re-run installs nothing), and sets kernel modules and sysctls (applied only when their file changed).
    /// </summary>
    public static class PrepareScript
    {
        public const string SysctlPath = ManagedOnHosts.SysctlPath;
        public const string ModulesPath = ManagedOnHosts.ModulesPath;

        /// <summary>Operating systems the node layer supports, as "ID VERSION_ID" from /etc/os-release.</summary>
        public static IReadOnlyList<string> SupportedSystems { get; } = new[] { "debian 12", "ubuntu 22.04", "ubuntu 24.04" };

        /// <summary>
        /// Packages by role. nginx on Debian 12 and Ubuntu 24.04 is the bare server; the stream (TCP/UDP) module is
        /// the separate libnginx-mod-stream, which installs ngx_stream_module and its load_module line in
        /// /etc/nginx/modules-enabled. Ubuntu 22.04 has the same package name.
        /// </summary>
        public static IReadOnlyList<string> PackagesFor(NodeRole role) => role == NodeRole.LoadBalancer
            ? new[] { "wireguard-tools", "nginx", "libnginx-mod-stream" }
            : new[] { "wireguard-tools" };

        /// <summary>
        /// Forwarding for the mesh; on Kubernetes nodes also bridged traffic through iptables, which needs
        /// br_netfilter. "-" makes systemd-sysctl skip a key the kernel does not have (br_netfilter not loadable).
        /// </summary>
        public static string SysctlFile(NodeRole role)
        {
            var text = new StringBuilder("# Managed by MultiCloud; changes are overwritten.\n");
            text.Append("net.ipv4.ip_forward = 1\n");
            if (role != NodeRole.LoadBalancer)
            {
                text.Append("-net.bridge.bridge-nf-call-iptables = 1\n");
                text.Append("-net.bridge.bridge-nf-call-ip6tables = 1\n");
            }
            return text.ToString();
        }

        /// <summary>Kernel modules Kubernetes nodes need at boot: overlay for container images, br_netfilter for bridged traffic.</summary>
        public static IReadOnlyList<string> ModulesFor(NodeRole role) => role == NodeRole.LoadBalancer
            ? new string[0]
            : new[] { "overlay", "br_netfilter" };

        /// <summary>The files the script manages on a node of the role, whose hashes it reports at the end.</summary>
        public static IReadOnlyList<string> ManagedPaths(NodeRole role) => ManagedOnHosts.PathsOf(role, ClusterLayer.Nodes);

        public static string Render(NodeRole role)
        {
            var modules = ModulesFor(role);
            var script = new StringBuilder();
            script.Append("# MultiCloud: prepare a ").Append(RoleText(role)).Append(" node\n");
            script.Append(ScriptParts.Preamble).Append(FileHashes.BashFunction).Append('\n');
            script.Append(ScriptParts.WriteIfChanged);
            script.Append(@"
os=$(. /etc/os-release 2>/dev/null && echo ""${ID:-unknown} ${VERSION_ID:-unknown}"") || os=unknown
report os ""$os""
case ""$os"" in
  " + string.Join("|", Quoted(SupportedSystems)) + @") ;;
  *) report prepare unsupported-os; exit 0 ;;
esac

export DEBIAN_FRONTEND=noninteractive
missing=()
for package in " + string.Join(" ", PackagesFor(role)) + @"; do
  if [ ""$(dpkg-query -W -f='${db:Status-Status}' ""$package"" 2>/dev/null)"" != installed ]; then
    missing+=(""$package"")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  apt_options=(-q -y -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  apt-get ""${apt_options[@]}"" update
  apt-get ""${apt_options[@]}"" install --no-install-recommends ""${missing[@]}""
  report installed ""${missing[*]}""
else
  report installed none
fi
");
            if (modules.Count > 0)
            {
                script.Append("\nif write_if_changed ").Append(ModulesPath).Append(" 0644 ")
                    .Append(BashText.Heredoc(string.Join("\n", modules) + "\n")).Append("\nthen\n")
                    .Append("  for module in ").Append(string.Join(" ", modules)).Append("; do\n")
                    .Append("    if ! command -v modprobe >/dev/null || ! modprobe \"$module\"; then\n")
                    .Append("      echo \"warning: kernel module $module could not be loaded now; it is listed for the next boot\" >&2\n")
                    .Append("    fi\n")
                    .Append("  done\n")
                    .Append("  report modules changed\n")
                    .Append("else\n")
                    .Append("  report modules unchanged\n")
                    .Append("fi\n");
            }
            script.Append("\nif write_if_changed ").Append(SysctlPath).Append(" 0644 ").Append(BashText.Heredoc(SysctlFile(role))).Append("\nthen\n")
                .Append("  # systemd-sysctl, unlike sysctl --system, skips the keys marked \"-\" that this kernel lacks.\n")
                .Append("  /lib/systemd/systemd-sysctl ").Append(SysctlPath).Append('\n')
                .Append("  report sysctl changed\n")
                .Append("else\n")
                .Append("  report sysctl unchanged\n")
                .Append("fi\n");
            script.Append("\nreport prepare ok\n");
            foreach (var path in ManagedPaths(role)) script.Append(FileHashes.ReportLine(path)).Append('\n');
            return script.ToString();
        }

        private static IEnumerable<string> Quoted(IEnumerable<string> values)
        {
            foreach (var value in values) yield return "\"" + value + "\"";
        }

        private static string RoleText(NodeRole role) => role switch
        {
            NodeRole.LoadBalancer => "load-balancer",
            NodeRole.Control => "control-plane",
            _ => "compute",
        };
    }
}
