using MultiCloud.Engine.Nodes;

namespace MultiCloud.Engine.Mesh
{
    /// <summary>
    /// Creates the node's WireGuard private key on the node, once, and prints only the public key. The private
    /// key never leaves the node: the mesh configuration script fills it in there.
    /// </summary>
    public static class MeshKeyScript
    {
        public const string KeyPath = "/etc/wireguard/multicloud.key";

        public static string Render() =>
            "# MultiCloud: generate the node's WireGuard key (once)\n" +
            ScriptParts.Preamble + @"
key=" + KeyPath + @"
install -d -m 0700 /etc/wireguard
if [ -s ""$key"" ]; then
  report key existing
else
  (umask 077 && wg genkey >""$key.new"" && mv -f ""$key.new"" ""$key"")
  report key generated
fi
report public-key ""$(wg pubkey <""$key"")""
";
    }
}
