using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>Bash shared by the node scripts.</summary>
    public static class ScriptParts
    {
        /// <summary>Strict mode and the report function every generated script starts with.</summary>
        public const string Preamble = "set -euo pipefail\n" + ScriptReport.BashFunction + "\n";

        /// <summary>
        /// write_if_changed PATH MODE &lt; content: installs stdin as PATH (with MODE) through a temporary file and
        /// an atomic rename, only when it differs from the current file. Succeeds when it changed the file.
        /// </summary>
        public const string WriteIfChanged = @"
write_if_changed() {
  local path=$1 mode=$2 new
  # Called as an if condition, where set -e is off: failures exit explicitly.
  new=$(mktemp ""$(dirname ""$path"")/.$(basename ""$path"").XXXXXX"") || exit 1
  { cat >""$new"" && chmod ""$mode"" ""$new""; } || exit 1
  if [ -f ""$path"" ] && cmp -s ""$new"" ""$path""; then
    rm -f ""$new""
    return 1
  fi
  mv -f ""$new"" ""$path"" || exit 1
}
";
    }
}
