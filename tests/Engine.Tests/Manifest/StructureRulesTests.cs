using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>What the reader itself reports: unknown fields, wrong types, missing fields, unknown words.</summary>
    public sealed class StructureRulesTests
    {
        private const string CredentialShape = "{ env: NAME }, { file: PATH } or { secret: NAME, vault: VAULT }";

        public static TheoryData<RuleCase> Cases => RuleCase.Table(
            new RuleCase("unknown field with a close name", "    mtu: 1380", "    mtuu: 1380",
                51, 5, "spec.kubernetes.mtuu", "unknown field 'mtuu', did you mean 'mtu'?",
                "version, network, mtu, pools, podNetwork, serviceNetwork, etcdVersion, drainTimeout, sources"),
            new RuleCase("unknown field with no close name", "        hostname: api", "        hostname: api\n        ttl: 300",
                71, 9, "spec.loadBalancers[0].dns.ttl", "unknown field 'ttl'", "zone, provider, hostname, alternativeNames"),
            new RuleCase("unknown top-level field", "kind: Cluster", "kind: Cluster\nstatus: {}",
                3, 1, "status", "unknown field 'status'", "apiVersion, kind, metadata, spec"),
            new RuleCase("text where a number is expected", "count: 3", "count: three",
                25, 9, "spec.nodePools.dynamic[0].count", "expected a whole number, found text 'three'", "a whole number"),
            new RuleCase("quoted text where a number is expected", "count: 3", "count: \"3\"",
                25, 9, "spec.nodePools.dynamic[0].count", "expected a whole number, found quoted text \"3\"", "a whole number"),
            new RuleCase("number too large", "count: 3", "count: 99999999999",
                25, 9, "spec.nodePools.dynamic[0].count", "number 99999999999 is too large", "a whole number"),
            new RuleCase("list where a map is expected", "settings: { subscriptionId: sub-1 }", "settings: [sub-1]",
                9, 7, "spec.providers[0].settings", "expected a map (key: value), found a list", "a map (key: value)"),
            new RuleCase("map where text is expected", "    version: v1.31.4", "    version: { v: 1 }",
                49, 5, "spec.kubernetes.version", "expected text, found a map", "text"),
            new RuleCase("text where true or false is expected", "          targetPort: 30443", "          targetPort: 30443\n          proxyProtocol: yes",
                66, 11, "spec.loadBalancers[0].roles[1].proxyProtocol", "expected true or false, found text 'yes'", "true or false"),
            new RuleCase("map inside a text list", "        hostname: api", "        hostname: api\n        alternativeNames: [www, {a: b}]",
                71, 33, "spec.loadBalancers[0].dns.alternativeNames[1]", "expected text, found a map", "text"),
            new RuleCase("required field missing", "        region: eu-central-1\n", "",
                26, 9, "spec.nodePools.dynamic[1].region", "required field 'region' is missing", "text"),
            new RuleCase("required field without a value", "          port: 6443", "          port:",
                60, 11, "spec.loadBalancers[0].roles[0].port", "required field 'port' is missing", "a whole number"),
            new RuleCase("cluster name without a value", "  name: demo", "  name:",
                4, 3, "metadata.name", "required field 'name' is missing", "text"),
            new RuleCase("apiVersion missing", "apiVersion: multicloud.io/v1\n", "",
                1, 1, "apiVersion", "required field 'apiVersion' is missing", "multicloud.io/v1, claudie.io/v1beta1"),
            new RuleCase("unknown apiVersion", "apiVersion: multicloud.io/v1", "apiVersion: multicloud.io/v2",
                1, 1, "apiVersion", "unknown apiVersion 'multicloud.io/v2'", "multicloud.io/v1, claudie.io/v1beta1"),
            new RuleCase("unknown kind", "kind: Cluster", "kind: Clusters",
                2, 1, "kind", "unknown kind 'Clusters'", "Cluster"),
            new RuleCase("unknown provider type", "      type: aws", "      type: aw",
                13, 7, "spec.providers[1].type", "unknown provider type 'aw', did you mean 'aws'?", "azure, aws, hetzner, gcp, oci, genesiscloud, cloudflare, hetznerdns"),
            new RuleCase("unknown taint effect", "effect: NoSchedule", "effect: NoScheduled",
                33, 27, "spec.nodePools.dynamic[1].taints[0].effect", "unknown taint effect 'NoScheduled'", "NoSchedule, PreferNoSchedule, NoExecute"),
            new RuleCase("unknown protocol", "          port: 443", "          protocol: sctp\n          port: 443",
                64, 11, "spec.loadBalancers[0].roles[1].protocol", "unknown protocol 'sctp'", "tcp, udp"),
            new RuleCase("credential with two sources", "{ env: AZURE_CLIENT_SECRET }", "{ env: AZURE_CLIENT_SECRET, file: /run/secret }",
                11, 9, "spec.providers[0].credentials.clientSecret", "a credential reference needs exactly one of env, file or secret, found env and file", CredentialShape),
            new RuleCase("credential with no source", "{ env: CF_API_TOKEN }", "{ vault: ops }",
                17, 9, "spec.providers[2].credentials.apiToken", "a credential reference needs exactly one of env, file or secret, found none", CredentialShape),
            new RuleCase("credential vault without secret", "privateKey: { file: ~/.ssh/id_ed25519 }", "privateKey: { file: ~/.ssh/id_ed25519, vault: ops }",
                47, 52, "spec.nodePools.static[0].nodes[1].privateKey.vault", "vault only goes with secret", CredentialShape),
            new RuleCase("credential that is not a map", "{ env: CF_API_TOKEN }", "CF_API_TOKEN",
                17, 9, "spec.providers[2].credentials.apiToken", "expected a credential reference, found text 'CF_API_TOKEN'", CredentialShape),
            new RuleCase("credential with an unknown source", "{ env: CF_API_TOKEN }", "{ env: CF_API_TOKEN, enviroment: X }",
                17, 40, "spec.providers[2].credentials.apiToken.enviroment", "unknown field 'enviroment'", "env, file, secret, vault"));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parse_StructuralProblem_ReportsItAloneWithPlaceAndAllowedValues(RuleCase ruleCase) => ruleCase.AssertOnly();
    }
}
