using System.Text;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Kubernetes.Etcd
{
    /// <summary>The files of one etcd member: its CA (certificate and key, copied to every member), server, peer and client certificates.</summary>
    public sealed record EtcdMemberFiles(PemKeyPair Authority, PemKeyPair Server, PemKeyPair Peer, PemKeyPair Client, string Config);

    /// <summary>
    /// The scripts of the etcd layer. etcdctl always talks to the node's own member on 127.0.0.1 with the client
    /// certificate. Reports: probe: ca=present|absent; install: etcd=changed|unchanged, health=ok; add: added=yes|no,
    /// initial-cluster=name=url,…; remove: removed=yes|no.
    /// </summary>
    public static class EtcdScripts
    {
        private const string Ctl = "ctl=(" + EtcdConfig.CtlBinary + " --endpoints=https://127.0.0.1:2379 --cacert=" + KubeadmConfig.EtcdCaFile +
            " --cert=" + KubeadmConfig.EtcdClientCertFile + " --key=" + KubeadmConfig.EtcdClientKeyFile + " --command-timeout=20s)\n";

        public static string Probe() =>
            "# MultiCloud: look for etcd's certificate authority\n" + ScriptParts.Preamble +
            "if [ -s " + EtcdConfig.Pki + "/ca.key ] && [ -s " + EtcdConfig.Pki + "/ca.crt ]; then report ca present; else report ca absent; fi\n" +
            "if [ -s " + EtcdConfig.Pki + "/ca.crt ]; then report ca-cert \"$(base64 -w0 " + EtcdConfig.Pki + "/ca.crt)\"; fi\n";

        /// <summary>Installs etcd <paramref name="version"/> from <paramref name="archiveUrlWithArch"/> (holding "${arch}"), writes the member's files, starts it and waits until it is healthy.</summary>
        public static string Install(string version, string archiveUrlWithArch, EtcdMemberFiles files)
        {
            var script = new StringBuilder("# MultiCloud: install and start etcd " + version + "\n");
            script.Append(ScriptParts.Preamble).Append(ScriptParts.WriteIfChanged).Append(Ctl);
            script.Append(@"
changed=no
arch=$(dpkg --print-architecture)
have=$(" + EtcdConfig.Binary + @" --version 2>/dev/null | awk '/^etcd Version:/ {print ""v"" $3}') || have=
if [ ""$have"" != " + BashText.Quote(version) + @" ] || [ ! -x " + EtcdConfig.CtlBinary + @" ]; then
  command -v curl >/dev/null || { echo 'curl is missing: the Kubernetes preparation step installs it' >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf ""$work""' EXIT
  curl -fsSL --retry 3 -o ""$work/etcd.tar.gz"" """ + archiveUrlWithArch + @"""
  tar -xzf ""$work/etcd.tar.gz"" -C ""$work"" --strip-components=1
  install -m 0755 ""$work/etcd"" ""$work/etcdctl"" /usr/local/bin/
  changed=yes
fi
install -d -m 0700 " + EtcdConfig.Pki + @" " + EtcdConfig.DataDirectory + @"
");
            WriteFile(script, "ca.crt", "0644", files.Authority.CertificatePem);
            WriteFile(script, "ca.key", "0600", files.Authority.PrivateKeyPem);
            WriteFile(script, "server.crt", "0644", files.Server.CertificatePem);
            WriteFile(script, "server.key", "0600", files.Server.PrivateKeyPem);
            WriteFile(script, "peer.crt", "0644", files.Peer.CertificatePem);
            WriteFile(script, "peer.key", "0600", files.Peer.PrivateKeyPem);
            WriteFile(script, "client.crt", "0644", files.Client.CertificatePem);
            WriteFile(script, "client.key", "0600", files.Client.PrivateKeyPem);
            script.Append("if write_if_changed ").Append(EtcdConfig.ConfigPath).Append(" 0644 ").Append(BashText.Heredoc(files.Config)).Append("\nthen changed=yes; fi\n");
            script.Append("if write_if_changed ").Append(EtcdConfig.UnitPath).Append(" 0644 ").Append(BashText.Heredoc(EtcdConfig.Unit())).Append("\nthen systemctl daemon-reload; changed=yes; fi\n");
            script.Append(@"systemctl enable --quiet " + EtcdConfig.UnitName + @"
if ! systemctl is-active --quiet " + EtcdConfig.UnitName + @"; then
  systemctl start " + EtcdConfig.UnitName + @"
elif [ $changed = yes ]; then
  systemctl restart " + EtcdConfig.UnitName + @"
fi
for attempt in $(seq 1 60); do
  if ""${ctl[@]}"" endpoint health >/dev/null 2>&1; then break; fi
  sleep 1
done
if ! ""${ctl[@]}"" endpoint health >&2; then
  echo 'etcd did not become healthy; see journalctl -u " + EtcdConfig.UnitName + @"' >&2
  exit 1
fi
report etcd ""$([ $changed = yes ] && echo changed || echo unchanged)""
report health ok
");
            return script.ToString();
        }

        /// <summary>On a running member: adds <paramref name="name"/> unless a member with its peer URL exists, then reports the cluster it joins.</summary>
        public static string AddMember(EtcdMember member) =>
            "# MultiCloud: add etcd member " + member.Name + "\n" + ScriptParts.Preamble + Ctl + @"
name=" + BashText.Quote(member.Name) + @"
peer=" + BashText.Quote(member.PeerUrl) + @"
members=$(""${ctl[@]}"" member list -w simple)
if grep -q "", $peer, "" <<<""$members""; then
  report added no
else
  ""${ctl[@]}"" member add ""$name"" --peer-urls=""$peer"" >/dev/null
  report added yes
  members=$(""${ctl[@]}"" member list -w simple)
fi
cluster=$(awk -F', ' -v self=""$name"" -v peer=""$peer"" '{ n = $3; if ($4 == peer) n = self; if (n != """") printf ""%s%s=%s"", (c++ ? "","" : """"), n, $4 }' <<<""$members"")
report initial-cluster ""$cluster""
";

        /// <summary>On a member that stays: removes the member with that name or peer URL, if there is one.</summary>
        public static string RemoveMember(EtcdMember member) =>
            "# MultiCloud: remove etcd member " + member.Name + "\n" + ScriptParts.Preamble + Ctl + @"
id=$(""${ctl[@]}"" member list -w simple | awk -F', ' -v name=" + BashText.Quote(member.Name) + @" -v peer=" + BashText.Quote(member.PeerUrl) + @" '$3 == name || $4 == peer { print $1 }')
if [ -n ""$id"" ]; then
  ""${ctl[@]}"" member remove ""$id"" >/dev/null
  report removed yes
else
  report removed no
fi
""${ctl[@]}"" endpoint health --cluster >&2 || echo 'warning: not every remaining etcd member reports healthy' >&2
";

        private static void WriteFile(StringBuilder script, string name, string mode, string content) =>
            script.Append("if write_if_changed ").Append(EtcdConfig.Pki).Append('/').Append(name).Append(' ').Append(mode).Append(' ')
                .Append(BashText.Heredoc(content.EndsWith("\n", System.StringComparison.Ordinal) ? content : content + "\n")).Append("\nthen changed=yes; fi\n");
    }
}
