using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>A provider's settings and credentials are checked against its type's descriptor, each problem located.</summary>
    public sealed class ProviderKeyRulesTests
    {
        public static TheoryData<RuleCase> Cases => RuleCase.Table(
            new RuleCase("unknown setting", "settings: { subscriptionId: sub-1 }", "settings: { subscriptionId: sub-1, subscriptionID: sub-2 }",
                9, 42, "spec.providers[0].settings.subscriptionID", "provider type azure has no setting 'subscriptionID', did you mean 'subscriptionId'?",
                "subscriptionId, tenantId, clientId, armEndpoint, armAudience, authorityHost, dnsResourceGroup, trustedCaFile, sshAllowedFrom, recordTtl"),
            new RuleCase("secret written as a setting", "settings: { subscriptionId: sub-1 }", "settings: { subscriptionId: sub-1, clientSecret: s3cret }",
                9, 42, "spec.providers[0].settings.clientSecret", "clientSecret is a secret and must not be written into a manifest",
                "credentials.clientSecret: { env: NAME } or { file: PATH } or { secret: NAME }"),
            new RuleCase("plain setting among the credentials", "apiToken: { env: CF_API_TOKEN }", "apiToken: { env: CF_API_TOKEN }\n        endpoint: { env: CF_URL }",
                18, 9, "spec.providers[2].credentials.endpoint", "endpoint is a setting, not a secret", "settings.endpoint: VALUE"),
            new RuleCase("required key missing", "      credentials:\n        apiToken: { env: CF_API_TOKEN }\n", "",
                14, 7, "spec.providers[2]", "provider type cloudflare needs apiToken (an API token with Zone:Read and DNS:Edit on the zones used)",
                "credentials.apiToken"),
            new RuleCase("ssh sources not CIDRs", "settings: { subscriptionId: sub-1 }", "settings: { subscriptionId: sub-1, sshAllowedFrom: \"203.0.113.7, 10.0.0.0/8\" }",
                9, 42, "spec.providers[0].settings.sshAllowedFrom", "'203.0.113.7' is not a network in CIDR form (address/prefix, no host bits after the prefix)",
                "comma-separated CIDRs such as 203.0.113.7/32, 2001:db8::/48"),
            new RuleCase("ssh sources with host bits", "settings: { subscriptionId: sub-1 }", "settings: { subscriptionId: sub-1, sshAllowedFrom: 10.1.2.3/8 }",
                9, 42, "spec.providers[0].settings.sshAllowedFrom", "'10.1.2.3/8' is not a network in CIDR form (address/prefix, no host bits after the prefix)",
                "comma-separated CIDRs such as 203.0.113.7/32, 2001:db8::/48"),
            new RuleCase("record TTL out of range", "apiToken: { env: CF_API_TOKEN }", "apiToken: { env: CF_API_TOKEN }\n      settings: { recordTtl: \"5\" }",
                18, 19, "spec.providers[2].settings.recordTtl", "'5' is not a TTL", "a whole number of seconds from 30 to 86400"));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parse_ProviderKeyProblem_ReportsItAloneWithPlaceAndAllowedValues(RuleCase ruleCase) => ruleCase.AssertOnly();

        [Fact]
        public void Parse_KeyThatMayBeEitherGivenAsCredential_IsValid()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("settings: { subscriptionId: sub-1 }", "credentials: { subscriptionId: { env: AZURE_SUB } }"),
                ("      credentials:\n        clientSecret: { env: AZURE_CLIENT_SECRET }\n", "")));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }

        [Fact]
        public void Parse_SshSourcesOfBothFamilies_IsValid()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("settings: { subscriptionId: sub-1 }",
                "settings: { subscriptionId: sub-1, sshAllowedFrom: \"203.0.113.0/24, 2001:db8::/48\" }")));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }

        [Fact]
        public void ValidateStored_SpecInStateWithAKeyNoLongerKnown_IsAcceptedSoTheClusterStaysReadable()
        {
            var spec = ManifestFixture.Parse(ManifestFixture.Base).Clusters[0];
            var provider = spec.Providers[0];
            var stored = spec with { Providers = spec.Providers.Select(p => p == provider ? p with { Settings = new Dictionary<string, string>(p.Settings) { ["oldSetting"] = "x" } } : p).ToList() };

            Assert.Empty(MultiCloud.Engine.Manifest.ManifestValidator.ValidateStored(stored, "state.json"));
            Assert.NotEmpty(MultiCloud.Engine.Manifest.ManifestValidator.Validate(new[] { new MultiCloud.Engine.Manifest.ManifestDocument(stored, new MultiCloud.Engine.Manifest.SourceMap("m.yaml")) }));
        }

        [Fact]
        public void Parse_UnknownProviderType_ReportsOnlyTheTypeNotItsKeys()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("      type: cloudflare", "      type: cloudflair")));

            ManifestFixture.AssertOnly(ManifestFixture.At(15, 7, "spec.providers[2].type", "unknown provider type 'cloudflair', did you mean 'cloudflare'?",
                "azure, aws, hetzner, gcp, oci, genesiscloud, cloudflare, hetznerdns"), result);
        }
    }
}
