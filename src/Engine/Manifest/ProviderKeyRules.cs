using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// A provider's settings and credentials against its type's descriptor: every key known, secrets only as
    /// credential references, plain values not hidden among credentials where a setting is meant, required keys given,
    /// and the values the engine itself reads (SSH source ranges) well formed.
    /// </summary>
    internal static class ProviderKeyRules
    {
        public static void Check(ClusterCheck check, ProviderSpec provider, string path)
        {
            // A provider whose type, settings or credentials could not be read holds stand-ins: judging them would only repeat that report.
            if (check.Source.HasProblemAtOrUnder(path) || check.IsStoredSpec) return;
            var descriptor = ProviderCatalog.Default.Describe(provider.Type);
            var settingsPath = ManifestPaths.Field(path, "settings");
            var credentialsPath = ManifestPaths.Field(path, "credentials");
            foreach (var setting in provider.Settings)
            {
                var key = descriptor.FindKey(setting.Key);
                var keyPath = ManifestPaths.Field(settingsPath, setting.Key);
                if (key is null)
                    check.Report(keyPath, UnknownKey(descriptor, setting.Key, "setting"), Allowed(descriptor, asSetting: true));
                else if (!key.AllowedAsSetting)
                    check.Report(keyPath, setting.Key + " is a secret and must not be written into a manifest",
                        "credentials." + setting.Key + ": { env: NAME } or { file: PATH } or { secret: NAME }");
                else if (key == CommonProviderKeys.SshAllowedFrom && SshSources.TryParse(setting.Value, out _) is string problem)
                    check.Report(keyPath, problem, "comma-separated CIDRs such as 203.0.113.7/32, 2001:db8::/48");
                else if (key == CommonProviderKeys.RecordTtl && !DnsTtl.TryParse(setting.Value, out _))
                    check.Report(keyPath, "'" + setting.Value + "' is not a TTL", DnsTtl.Range);
            }
            foreach (var credential in provider.Credentials)
            {
                var key = descriptor.FindKey(credential.Key);
                var keyPath = ManifestPaths.Field(credentialsPath, credential.Key);
                if (key is null)
                    check.Report(keyPath, UnknownKey(descriptor, credential.Key, "credential"), Allowed(descriptor, asSetting: false));
                else if (!key.AllowedAsCredential)
                    check.Report(keyPath, credential.Key + " is a setting, not a secret", "settings." + credential.Key + ": VALUE");
            }
            foreach (var key in descriptor.Keys.Where(k => k.Required))
            {
                if (!provider.Settings.ContainsKey(key.Name) && !provider.Credentials.ContainsKey(key.Name))
                    check.Report(path, "provider type " + descriptor.ManifestName + " needs " + key.Name + " (" + key.Description + ")",
                        key.AllowedAsSetting ? "settings." + key.Name + (key.AllowedAsCredential ? " or credentials." + key.Name : string.Empty) : "credentials." + key.Name);
            }
        }

        private static string UnknownKey(ProviderDescriptor descriptor, string name, string what)
        {
            var suggestion = NameSuggestion.Closest(name, descriptor.Keys.Select(k => k.Name));
            return "provider type " + descriptor.ManifestName + " has no " + what + " '" + name + "'" + (suggestion is null ? string.Empty : ", did you mean '" + suggestion + "'?");
        }

        private static string Allowed(ProviderDescriptor descriptor, bool asSetting)
        {
            var names = descriptor.Keys.Where(k => asSetting ? k.AllowedAsSetting : k.AllowedAsCredential).Select(k => k.Name).ToList();
            return names.Count == 0 ? "none" : string.Join(", ", names);
        }
    }
}
