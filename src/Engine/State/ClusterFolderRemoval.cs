using System.IO;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// Removes a cluster's folder with the state first and the lock last, so the cluster stays locked until the rest
    /// is gone. Files that are still open elsewhere (on Windows, the run log of the run doing the removal) stay
    /// behind; without state.json the folder no longer counts as a cluster.
    /// </summary>
    internal static class ClusterFolderRemoval
    {
        public static void Remove(ClusterPaths paths)
        {
            if (!Directory.Exists(paths.Directory))
            {
                return;
            }

            if (File.Exists(paths.StateFile))
            {
                File.Delete(paths.StateFile);
            }

            foreach (var entry in Directory.GetFileSystemEntries(paths.Directory))
            {
                if (string.Equals(entry, paths.LockFile, System.StringComparison.Ordinal))
                {
                    continue;
                }

                TryRemove(entry);
            }

            File.Delete(paths.LockFile);
            try
            {
                Directory.Delete(paths.Directory, recursive: false);
            }
            catch (IOException)
            {
                // Something stayed behind (an open file, or a new lock taken the moment ours went).
            }
        }

        private static void TryRemove(string entry)
        {
            try
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
            catch (IOException)
            {
                // Still open elsewhere; it stays, as the summary says.
            }
            catch (System.UnauthorizedAccessException)
            {
            }
        }
    }
}
