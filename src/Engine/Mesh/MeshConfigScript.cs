using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Mesh
{
    /// <summary>
    /// Installs a rendered wg0.conf on its node and brings the interface in line with it, touching nothing when
    /// the file is already the same. Peer changes are applied in place (wg syncconf), so existing tunnels never
    /// drop; only a new address or MTU, which wg-quick alone sets, restarts the interface.
    /// Reports mesh=changed|unchanged and action=none|syncconf|restart|start.
    /// </summary>
    public static class MeshConfigScript
    {
        public static string Render(string configTemplate) =>
            "# MultiCloud: write the WireGuard mesh configuration and apply it\n" +
            ScriptParts.Preamble + @"
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
  systemctl start ""$unit""
  action=start
  changed=yes
fi
if ! systemctl is-enabled --quiet ""$unit""; then
  systemctl enable --quiet ""$unit""
  changed=yes
fi
report mesh ""$([ $changed = yes ] && echo changed || echo unchanged)""
report action ""$action""
";
    }
}
