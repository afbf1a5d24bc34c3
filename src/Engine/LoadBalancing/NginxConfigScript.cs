using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.LoadBalancing
{
    /// <summary>
    /// Installs a rendered stream configuration on a load-balancer node. The stream block must sit at nginx's main
    /// level, outside http {}, so conf.d (included inside http) cannot hold it. Debian's and Ubuntu's nginx.conf
    /// include /etc/nginx/modules-enabled/*.conf at the main level, after which libnginx-mod-stream's
    /// 50-mod-stream.conf has loaded the stream module; a one-line 90-multicloud-stream.conf there includes our
    /// file, and nginx.conf itself (a dpkg conffile) stays untouched. A changed configuration is first checked with
    /// nginx -t on a copy of /etc/nginx that holds it, so a bad one never goes live; then swapped in and reloaded.
    /// Reports lb=changed|unchanged|invalid (invalid: nginx's message precedes the line), action=none|reload|start and the
    /// SHA-256 of both files it manages.
    /// </summary>
    public static class NginxConfigScript
    {
        public const string StreamConfigPath = Planning.ManagedOnHosts.NginxStreamConfigPath;
        public const string LoaderPath = Planning.ManagedOnHosts.NginxLoaderPath;
        public const string DefaultSitePath = "/etc/nginx/sites-enabled/default";

        public const string LoaderContent =
            "# Managed by MultiCloud: loads the load-balancer stream configuration at nginx's main level.\n" +
            "include " + StreamConfigPath + ";\n";

        /// <summary>The files this script manages, whose hashes it reports at the end.</summary>
        public static IReadOnlyList<string> ManagedPaths { get; } = Planning.ManagedOnHosts.PathsOf(NodeRole.LoadBalancer, Planning.ClusterLayer.LoadBalancers);

        /// <summary>The stock default site listens on port 80 and would keep a role on that port from binding.</summary>
        public static bool ConflictsWithDefaultSite(IEnumerable<(LoadBalancerProtocol Protocol, int Port)> ports) =>
            ports.Any(p => p.Protocol == LoadBalancerProtocol.Tcp && p.Port == 80);

        public static string Render(string streamConfig, IReadOnlyList<(LoadBalancerProtocol Protocol, int Port)> listenPorts)
        {
            var dropDefaultSite = ConflictsWithDefaultSite(listenPorts);
            var script = new StringBuilder("# MultiCloud: write, validate and load the nginx stream configuration\n");
            script.Append(ScriptParts.Preamble).Append(FileHashes.BashFunction).Append('\n');
            script.Append(@"
stream=" + StreamConfigPath + @"
loader=" + LoaderPath + @"
work=$(mktemp -d)
trap 'rm -rf ""$work""' EXIT
cat >""$work/stream.conf"" " + BashText.Heredoc(streamConfig) + @"
cat >""$work/loader.conf"" " + BashText.Heredoc(LoaderContent) + @"

same() { [ -f ""$2"" ] && cmp -s ""$1"" ""$2""; }
changed=no
if ! same ""$work/stream.conf"" ""$stream"" || ! same ""$work/loader.conf"" ""$loader""; then
  changed=yes
fi
");
            if (dropDefaultSite)
                script.Append("# A role listens on port 80, where the stock default site would hold the port.\nif [ -e " + DefaultSitePath + " ]; then changed=yes; fi\n");

            script.Append(@"
if [ $changed = yes ]; then
  # nginx -t on a copy of /etc/nginx whose absolute paths point into the copy.
  cp -a /etc/nginx ""$work/nginx""
  mkdir -p ""$work/nginx/multicloud""
  cp ""$work/stream.conf"" ""$work/nginx/multicloud/stream.conf""
  cp ""$work/loader.conf"" ""$work/nginx/modules-enabled/90-multicloud-stream.conf""
");
            if (dropDefaultSite) script.Append("  rm -f \"$work/nginx/sites-enabled/default\"\n");
            script.Append(@"  grep -rlF /etc/nginx/ ""$work/nginx"" | while IFS= read -r file; do
    sed -i ""s#/etc/nginx/#$work/nginx/#g"" ""$file""
  done
  if ! output=$(nginx -t -c ""$work/nginx/nginx.conf"" 2>&1); then
    printf '%s\n' ""$output"" | sed ""s#$work/nginx/#/etc/nginx/#g""
    report lb invalid
    exit 0
  fi
  install -d -m 0755 /etc/nginx/multicloud
  install -m 0644 ""$work/stream.conf"" ""$stream.new""
  mv -f ""$stream.new"" ""$stream""
  install -m 0644 ""$work/loader.conf"" ""$loader.new""
  mv -f ""$loader.new"" ""$loader""
");
            if (dropDefaultSite) script.Append("  rm -f " + DefaultSitePath + "\n");
            script.Append(@"fi

action=none
if systemctl is-active --quiet nginx; then
  if [ $changed = yes ]; then
    systemctl reload nginx
    action=reload
  fi
else
  systemctl start nginx
  action=start
  changed=yes
fi
if ! systemctl is-enabled --quiet nginx; then
  systemctl enable --quiet nginx
  changed=yes
fi
");
            if (listenPorts.Count > 0) AppendListeningCheck(script, listenPorts);
            script.Append(@"report lb ""$([ $changed = yes ] && echo changed || echo unchanged)""
report action ""$action""
");
            foreach (var path in ManagedPaths) script.Append(FileHashes.ReportLine(path)).Append('\n');
            return script.ToString();
        }

        /// <summary>A reload that cannot bind a port only logs it; after a reload or start, every port must be served.</summary>
        private static void AppendListeningCheck(StringBuilder script, IReadOnlyList<(LoadBalancerProtocol Protocol, int Port)> listenPorts)
        {
            script.Append(@"
wait_listening() {
  local protocol=$1 port=$2 attempt
  for attempt in $(seq 1 50); do
    if [ -n ""$(ss -H -l -n ""--$protocol"" ""sport = :$port"")"" ]; then return 0; fi
    sleep 0.2
  done
  echo ""nginx is not listening on $protocol port $port; see journalctl -u nginx and /var/log/nginx/error.log"" >&2
  exit 1
}
if [ $action != none ]; then
");
            foreach (var (protocol, port) in listenPorts)
            {
                script.Append("  wait_listening ").Append(protocol == LoadBalancerProtocol.Udp ? "udp" : "tcp").Append(' ')
                    .Append(port.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            script.Append("fi\n");
        }
    }
}
