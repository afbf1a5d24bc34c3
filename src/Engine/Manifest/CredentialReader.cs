using System.Collections.Generic;
using MultiCloud.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Reads a credential reference: exactly one of env, file or secret (with an optional vault).</summary>
    internal static class CredentialReader
    {
        public const string Shape = "{ env: NAME }, { file: PATH } or { secret: NAME, vault: VAULT }";

        public static CredentialRef? Read(string path, YamlNode node, ReadContext context)
        {
            if (!(node is YamlMappingNode map))
            {
                context.Report(path, "expected a credential reference, found " + YamlFields.Describe(node), Shape);
                return null;
            }

            var fields = new YamlFields(map, path, context, "env", "file", "secret", "vault");
            var sources = new List<(CredentialSource Source, string Reference)>();
            Collect(fields, "env", CredentialSource.Env, sources);
            Collect(fields, "file", CredentialSource.File, sources);
            Collect(fields, "secret", CredentialSource.Secret, sources);
            var vault = fields.Text("vault");

            if (sources.Count != 1)
            {
                var found = sources.Count == 0 ? "none" : string.Join(" and ", sources.ConvertAll(s => Name(s.Source)));
                context.Report(path, "a credential reference needs exactly one of env, file or secret, found " + found, Shape);
                return null;
            }
            if (vault != null && sources[0].Source != CredentialSource.Secret)
            {
                context.Report(fields.PathOf("vault"), "vault only goes with secret", Shape);
                return null;
            }
            return new CredentialRef(sources[0].Source, sources[0].Reference, vault);
        }

        public static string Name(CredentialSource source) => source switch
        {
            CredentialSource.Env => "env",
            CredentialSource.File => "file",
            _ => "secret",
        };

        private static void Collect(YamlFields fields, string key, CredentialSource source, List<(CredentialSource, string)> sources)
        {
            var text = fields.Text(key);
            if (text != null) sources.Add((source, text));
        }
    }
}
