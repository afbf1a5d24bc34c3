using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// The provider factories the engine has, by type. <see cref="Default"/> is the one registration list; tests
    /// compose the engine with other factories (doubles, recording fakes) through <see cref="Client.EngineComposition"/>.
    /// </summary>
    public sealed class ProviderCatalog
    {
        private readonly Dictionary<ProviderType, IProviderFactory> factories;

        public ProviderCatalog(IEnumerable<IProviderFactory> factories)
        {
            this.factories = new Dictionary<ProviderType, IProviderFactory>();
            foreach (var factory in factories)
            {
                if (!this.factories.TryAdd(factory.Type, factory))
                    throw new ArgumentException($"two provider factories are registered for {factory.Type}", nameof(factories));
            }
        }

        /// <summary>Every provider type MultiCloud implements. Adding one is a new folder and one line here.</summary>
        public static ProviderCatalog Default { get; } = new ProviderCatalog(new IProviderFactory[]
        {
            new Azure.AzureProviderFactory(),
            new Aws.AwsProviderFactory(),
        });

        public IReadOnlyCollection<ProviderType> Types => factories.Keys;

        public IMachineProvider Machines(ProviderSpec spec, ProviderContext context) =>
            Factory(spec).CreateMachines(spec, context)
            ?? throw Unsupported(spec, "create machines");

        public IDnsProvider Dns(ProviderSpec spec, ProviderContext context) =>
            Factory(spec).CreateDns(spec, context)
            ?? throw Unsupported(spec, "serve DNS records");

        private IProviderFactory Factory(ProviderSpec spec) =>
            factories.TryGetValue(spec.Type, out var factory) ? factory : throw Unsupported(spec, "be used");

        private static MultiCloudException Unsupported(ProviderSpec spec, string what) =>
            MultiCloudException.NotSupportedYet($"provider {spec.Name} of type {Manifest.ManifestVocabulary.Name(spec.Type)} cannot {what} in this version");
    }
}
