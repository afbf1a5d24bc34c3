using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Mesh
{
    /// <summary>
    /// Installs a rendered wg0.conf on its node and brings the interface in line with it, touching nothing when
    /// the file and the live interface already match it. Peer changes are applied in place (wg syncconf), so existing
    /// tunnels never drop; only a new address or MTU, which wg-quick alone sets, restarts the interface. A live
    /// interface whose peers were changed by hand is synced back to the file; a missing one is brought up again.
    /// Reports mesh=changed|unchanged, action=none|syncconf|restart|start and the SHA-256 of the file it left.
    /// </summary>
    public static class MeshConfigScript
    {
        public static string Render(string configTemplate) =>
            "# MultiCloud: write the WireGuard mesh configuration and apply it\n" +
            ScriptParts.Preamble + FileHashes.BashFunction + "\n" + @"
# bash 5.2 would read '&' in a pattern replacement as the matched text.
shopt -u patsub_replacement 2>/dev/null || true
conf=" + WireGuardConfig.ConfigPath + @"
key=" + MeshKeyScript.KeyPath + @"
unit=wg-quick@" + WireGuardConfig.InterfaceName + @"
if [ ! -s ""$key"" ]; then
  echo ""no WireGuard key at $key; the mesh key step must run first"" >&2
  exit 1
fi

template=$(cat " + BashText.Heredoc(configTemplate) + @"
)
new=$(mktemp /etc/wireguard/.wg0.conf.XXXXXX)
trap 'rm -f ""$new""' EXIT
# The key is read and substituted by bash builtins: it appears in no command line and no output.
private_key=$(<""$key"")
printf '%s\n' ""${template//" + WireGuardConfig.PrivateKeyMarker + @"/$private_key}"" >""$new""
unset private_key

interface_settings() { grep -E '^[[:space:]]*(Address|MTU)[[:space:]]*=' ""$1"" 2>/dev/null || true; }
is_up() { ip link show dev " + WireGuardConfig.InterfaceName + @" >/dev/null 2>&1; }
live_peers() { wg show " + WireGuardConfig.InterfaceName + @" peers | LC_ALL=C sort; }
file_peers() { wg-quick strip " + WireGuardConfig.InterfaceName + @" | sed -n 's/^PublicKey[[:space:]]*=[[:space:]]*//p' | LC_ALL=C sort; }

changed=no
action=none
if [ -f ""$conf"" ] && cmp -s ""$new"" ""$conf""; then
  rm -f ""$new""
else
  old_settings=$(interface_settings ""$conf"")
  mv -f ""$new"" ""$conf""
  changed=yes
  if is_up; then
    if [ ""$old_settings"" = ""$(interface_settings ""$conf"")"" ]; then
      wg syncconf " + WireGuardConfig.InterfaceName + @" <(wg-quick strip " + WireGuardConfig.InterfaceName + @")
      action=syncconf
    else
      systemctl restart ""$unit""
      action=restart
    fi
  fi
fi
if ! is_up; then
  # restart, not start: a wg-quick unit stays active after its interface is deleted, and start would do nothing then.
  systemctl restart ""$unit""
  action=start
  changed=yes
elif [ $action = none ] && [ ""$(live_peers)"" != ""$(file_peers)"" ]; then
  # The file is right, but peers were removed from or added to the live interface by hand (wg set): undo that.
  wg syncconf " + WireGuardConfig.InterfaceName + @" <(wg-quick strip " + WireGuardConfig.InterfaceName + @")
  action=syncconf
  changed=yes
fi
if ! systemctl is-enabled --quiet ""$unit""; then
  systemctl enable --quiet ""$unit""
  changed=yes
fi
report mesh ""$([ $changed = yes ] && echo changed || echo unchanged)""
report action ""$action""
" + FileHashes.ReportLine(WireGuardConfig.ConfigPath) + @"
";
    }
}
