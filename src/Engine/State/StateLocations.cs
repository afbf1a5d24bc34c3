using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MultiCloud.Engine.State
{
    /// <summary>Where the local state store keeps its clusters unless told otherwise.</summary>
    public static class StateLocations
    {
        /// <summary>Overrides the default location (CI jobs, tests, a state folder on a shared drive).</summary>
        public const string StateDirectoryVariable = "MULTICLOUD_STATE_DIR";

        /// <summary>
        /// MULTICLOUD_STATE_DIR when set; otherwise %LOCALAPPDATA%\MultiCloud\clusters on Windows and
        /// $XDG_STATE_HOME/multicloud/clusters elsewhere (XDG_STATE_HOME defaults to ~/.local/state).
        /// </summary>
        public static string DefaultRoot() =>
            DefaultRoot(
                Environment.GetEnvironmentVariable,
                RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData),
                HomeFolder());

        internal static string DefaultRoot(Func<string, string?> environment, bool isWindows, string localAppData, string home)
        {
            var overridden = environment(StateDirectoryVariable);
            if (!string.IsNullOrEmpty(overridden))
            {
                return overridden!;
            }

            if (isWindows)
            {
                return Path.Combine(localAppData, "MultiCloud", "clusters");
            }

            // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
            var xdgStateHome = environment("XDG_STATE_HOME");
            var stateHome = !string.IsNullOrEmpty(xdgStateHome) && Path.IsPathRooted(xdgStateHome)
                ? xdgStateHome!
                : Path.Combine(home, ".local", "state");
            return Path.Combine(stateHome, "multicloud", "clusters");
        }

        internal static string HomeFolder()
        {
            var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (!string.IsNullOrEmpty(profile))
            {
                return profile;
            }

            return Environment.GetEnvironmentVariable("HOME") ?? Directory.GetCurrentDirectory();
        }
    }
}
