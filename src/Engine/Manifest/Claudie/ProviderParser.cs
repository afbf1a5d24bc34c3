using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>Reads spec.providers: each entry becomes a <see cref="ProviderSpec"/> whose credentials point at environment variables named after its Secret.</summary>
    internal static class ProviderParser
    {
        // templates (older Claudie) and templatesRef choose Claudie's own infrastructure templates; MultiCloud has none to choose.
        private static readonly string[] Fields = { "name", "providerType", "secretRef", "templates", "templatesRef" };

        public static IReadOnlyList<ImportedProvider> Parse(MappingView spec, ImportContext context, SecretRefReader secrets)
        {
            var providers = new List<ImportedProvider>();
            foreach (var (node, path) in spec.Sequence("providers"))
            {
                var fields = MappingView.Open(context, node, path, Fields);
                if (fields is null) continue;
                var name = fields.RequiredString("name");
                var typeText = fields.String("providerType", required: true);
                var type = typeText is null ? null : ReadType(typeText, context);
                var secret = secrets.Read(fields, required: true);

                var source = new SourceEntries();
                source.Add(string.Empty, fields.Location, path);
                source.Add(".name", name);
                source.Add(".type", typeText ?? new Located<string>(string.Empty, fields.Location, fields.FieldPath("providerType")));
                if (type is null)
                {
                    providers.Add(new ImportedProvider(name, null, source));
                    continue;
                }

                var credentials = new Dictionary<string, CredentialRef>();
                // Without a usable Secret the provider has no credentials; that was reported at secretRef already.
                if (secret is null) source.NoteProblem(".credentials");
                if (secret != null)
                {
                    source.Add(".credentials", secret);
                    foreach (var key in ClaudieSecrets.KeysOf(type.Value))
                    {
                        credentials[key.Key] = ClaudieSecrets.Reference(secret.Value, key.SecretKey);
                        source.Add(".credentials." + key.Key, secret);
                    }
                }
                var provider = new ProviderSpec { Name = name.Value, Type = type.Value, Credentials = credentials };
                providers.Add(new ImportedProvider(name, provider, source));
            }
            return providers;
        }

        private static ProviderType? ReadType(Located<string> text, ImportContext context)
        {
            if (ClaudieSecrets.ProviderTypes.TryGetValue(text.Value, out var type)) return type;

            var supported = string.Join(", ", ClaudieSecrets.ProviderTypes.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
            if (ClaudieSecrets.UnsupportedProviderTypes.Contains(text.Value))
            {
                context.Report(text.Location, text.Path, "provider type '" + text.Value + "' has no MultiCloud provider", supported);
                return null;
            }
            var suggestion = NameSuggestion.Closest(text.Value, ClaudieSecrets.ProviderTypes.Keys);
            context.Report(text.Location, text.Path, "unknown provider type '" + text.Value + "'" + (suggestion is null ? string.Empty : ", did you mean '" + suggestion + "'?"), supported);
            return null;
        }
    }
}
