using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Manifest.Claudie;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Engine.Tests.Providers
{
    /// <summary>Provider knowledge lives in one descriptor per type, reached through the catalog.</summary>
    public sealed class ProviderCatalogTests
    {
        [Fact]
        public void Default_EveryProviderType_HasOneDescriptorWithAUniqueManifestName()
        {
            var catalog = ProviderCatalog.Default;

            Assert.Equal(Enum.GetValues<ProviderType>().OrderBy(t => t), catalog.Types.OrderBy(t => t));
            Assert.Equal(catalog.Descriptors.Count, catalog.Descriptors.Select(d => d.ManifestName).Distinct().Count());
        }

        [Theory]
        [InlineData(ProviderType.Aws, "AWS")]
        [InlineData(ProviderType.HetznerDns, "Hetzner DNS")]
        [InlineData(ProviderType.GenesisCloud, "Genesis Cloud")]
        public void Describe_Type_GivesItsDisplayName(ProviderType type, string display) =>
            Assert.Equal(display, ProviderCatalog.Default.Describe(type).DisplayName);

        [Fact]
        public void Descriptors_ClaudieKeys_BecomeKeysTheTypeAcceptsAsCredentials()
        {
            foreach (var descriptor in ProviderCatalog.Default.Descriptors)
                foreach (var key in ClaudieSecrets.KeysOf(descriptor.Type))
                    Assert.True(descriptor.FindKey(key.Key)?.AllowedAsCredential == true, $"{descriptor.ManifestName}: Claudie key {key.SecretKey} becomes {key.Key}");
        }

        [Fact]
        public void Descriptors_CommonKeys_FollowTheCapabilities()
        {
            var hetzner = ProviderCatalog.Default.Describe(ProviderType.Hetzner);
            var cloudflare = ProviderCatalog.Default.Describe(ProviderType.Cloudflare);

            Assert.NotNull(hetzner.FindKey(SshSources.SettingName));
            Assert.Null(hetzner.FindKey(DnsTtl.SettingName));
            Assert.Null(cloudflare.FindKey(SshSources.SettingName));
            Assert.NotNull(cloudflare.FindKey(DnsTtl.SettingName));
            Assert.NotNull(cloudflare.FindKey(ProviderHttp.TrustedCaFileSetting));
        }

        [Fact]
        public void With_Factory_ReplacesOnlyThatTypesFactory()
        {
            var fake = new FakeFactory();
            var catalog = ProviderCatalog.Default.With(fake);
            var spec = new ProviderSpec { Name = "h", Type = ProviderType.Hetzner };

            Assert.Throws<FakeFactory.Called>(() => catalog.Machines(spec, new ProviderContext(new DefaultCredentialResolver(), NullEngineLog.Instance)));
            Assert.Equal(ProviderCatalog.Default.Descriptors, catalog.Descriptors);
        }

        [Fact]
        public void Machines_TypeWithoutImplementation_FailsNotSupportedYetNamingProviderAndType()
        {
            var spec = new ProviderSpec { Name = "gcp-eu", Type = ProviderType.Gcp };

            var error = Assert.Throws<MultiCloudException>(() => ProviderCatalog.Default.Machines(spec, new ProviderContext(new DefaultCredentialResolver(), NullEngineLog.Instance)));

            Assert.Equal(ErrorIds.NotSupportedYet, error.ErrorId);
            Assert.Contains("provider gcp-eu of type gcp", error.Message);
        }

        private sealed class FakeFactory : IProviderFactory
        {
            public ProviderType Type => ProviderType.Hetzner;

            public IMachineProvider? CreateMachines(ProviderSpec spec, ProviderContext context) => throw new Called();

            public IDnsProvider? CreateDns(ProviderSpec spec, ProviderContext context) => null;

            public sealed class Called : Exception
            {
            }
        }
    }
}
