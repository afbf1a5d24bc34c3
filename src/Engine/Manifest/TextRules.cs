using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Free text that has no grammar of its own (provider names and settings, regions, zones, server types,
    /// images, credential references) still reaches cloud APIs, state, logs and terminals: it must be one line of
    /// printable text of reasonable length. Fields with a grammar are checked by their own rules.
    /// </summary>
    internal static class TextRules
    {
        public const int MaxLength = 256;
        public static readonly string Allowed = "printable text on one line (no control characters), at most " + MaxLength + " characters";

        public static void Check(ClusterCheck check)
        {
            var cluster = check.Cluster;
            for (var p = 0; p < cluster.Providers.Count; p++)
            {
                var provider = cluster.Providers[p];
                var path = ManifestPaths.Provider(p);
                Require(check, ManifestPaths.Field(path, "name"), "provider name", provider.Name);
                foreach (var setting in provider.Settings)
                {
                    var settingPath = ManifestPaths.Field(ManifestPaths.Field(path, "settings"), setting.Key);
                    Require(check, settingPath, "setting name", setting.Key);
                    Require(check, settingPath, "setting '" + setting.Key + "'", setting.Value);
                }
                foreach (var credential in provider.Credentials)
                    Require(check, ManifestPaths.Credential(p, credential.Key), "secret name", credential.Key);
            }

            foreach (var (pool, path) in check.Pools)
            {
                if (!(pool is DynamicNodePoolSpec dynamicPool)) continue;
                Require(check, ManifestPaths.Field(path, "region"), "region", dynamicPool.Region);
                if (dynamicPool.Zone != null) Require(check, ManifestPaths.Field(path, "zone"), "zone", dynamicPool.Zone);
                Require(check, ManifestPaths.Field(path, "serverType"), "serverType", dynamicPool.ServerType);
                Require(check, ManifestPaths.Field(path, "image"), "image", dynamicPool.Image);
            }
        }

        /// <summary>Reports text with control characters or beyond <see cref="MaxLength"/>.</summary>
        public static void Require(ClusterCheck check, string path, string what, string text)
        {
            if (DisplayText.HasControlCharacters(text))
                check.Report(path, what + " '" + text + "' holds control characters", Allowed);
            else if (text.Length > MaxLength)
                check.Report(path, what + " is " + ManifestLimits.Number(text.Length) + " characters long", Allowed);
        }

    }
}
