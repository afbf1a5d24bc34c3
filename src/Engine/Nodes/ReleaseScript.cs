using MultiCloud.Engine.LoadBalancing;
using MultiCloud.Engine.Mesh;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>
    /// Takes MultiCloud's configuration off a machine the user keeps: the WireGuard interface, its configuration
    /// and key, the nginx stream configuration, the kernel settings files. Installed packages stay. The live
    /// forwarding sysctls stay until the next boot: resetting them now could cut off whatever else on the machine
    /// relies on them. nginx's stock default site, if it was taken out for a role on port 80, stays out: putting
    /// it back could start serving something the owner had turned off. Reports release=changed|unchanged.
    /// </summary>
    public static class ReleaseScript
    {
        public static string Render() =>
            "# MultiCloud: release the machine\n" +
            ScriptParts.Preamble + @"
unit=wg-quick@" + WireGuardConfig.InterfaceName + @"
changed=no
if systemctl is-enabled --quiet ""$unit"" 2>/dev/null || systemctl is-active --quiet ""$unit"" 2>/dev/null; then
  systemctl disable --now --quiet ""$unit""
  changed=yes
fi
if ip link show dev " + WireGuardConfig.InterfaceName + @" >/dev/null 2>&1; then
  ip link delete dev " + WireGuardConfig.InterfaceName + @"
  changed=yes
fi
for file in " + WireGuardConfig.ConfigPath + " " + MeshKeyScript.KeyPath + " " + PrepareScript.SysctlPath + " " + PrepareScript.ModulesPath + @"; do
  if [ -e ""$file"" ]; then
    rm -f ""$file""
    changed=yes
  fi
done
if [ -e " + NginxConfigScript.LoaderPath + @" ] || [ -e " + NginxConfigScript.StreamConfigPath + @" ]; then
  rm -f " + NginxConfigScript.LoaderPath + @"
  rm -rf /etc/nginx/multicloud
  changed=yes
  if systemctl is-active --quiet nginx; then
    systemctl reload nginx
  fi
fi
report release ""$([ $changed = yes ] && echo changed || echo unchanged)""
";
    }
}
