using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers
{
    /// <summary>One provider type as the engine knows it: its descriptor, and its factory once it has an implementation.</summary>
    public sealed record ProviderRegistration(ProviderDescriptor Descriptor, IProviderFactory? Factory = null);

    /// <summary>
    /// Every provider type the engine knows, by type: descriptors (manifest name, capabilities, settings, Claudie keys)
    /// and the factories of the implemented ones. <see cref="Default"/> is the one registration list; tests compose
    /// the engine with other factories (doubles, recording fakes) through <see cref="Client.EngineComposition"/>.
    /// </summary>
    public sealed class ProviderCatalog
    {
        private readonly Dictionary<ProviderType, ProviderRegistration> registrations;

        public ProviderCatalog(IEnumerable<ProviderRegistration> registrations)
        {
            this.registrations = new Dictionary<ProviderType, ProviderRegistration>();
            foreach (var registration in registrations)
            {
                if (registration.Factory is { } factory && factory.Type != registration.Descriptor.Type)
                    throw new ArgumentException($"the factory of {factory.Type} is registered under {registration.Descriptor.Type}", nameof(registrations));
                if (!this.registrations.TryAdd(registration.Descriptor.Type, registration))
                    throw new ArgumentException($"provider type {registration.Descriptor.Type} is registered twice", nameof(registrations));
            }
        }

        /// <summary>Every provider type MultiCloud knows. Adding one is a new folder and one line here.</summary>
        public static ProviderCatalog Default { get; } = new ProviderCatalog(new[]
        {
            new ProviderRegistration(Azure.AzureDescriptor.Value, new Azure.AzureProviderFactory()),
            new ProviderRegistration(Aws.AwsDescriptor.Value, new Aws.AwsProviderFactory()),
            new ProviderRegistration(Hetzner.HetznerDescriptor.Value, new Hetzner.HetznerProviderFactory()),
            new ProviderRegistration(Gcp.GcpDescriptor.Value),
            new ProviderRegistration(Oci.OciDescriptor.Value),
            new ProviderRegistration(GenesisCloud.GenesisCloudDescriptor.Value),
            new ProviderRegistration(Cloudflare.CloudflareDescriptor.Value, new Cloudflare.CloudflareProviderFactory()),
            new ProviderRegistration(HetznerDns.HetznerDnsDescriptor.Value),
        });

        /// <summary>Descriptors in registration order (the order manifests' messages list types in).</summary>
        public IReadOnlyList<ProviderDescriptor> Descriptors => registrations.Values.Select(r => r.Descriptor).ToList();

        public IReadOnlyCollection<ProviderType> Types => registrations.Keys;

        public ProviderDescriptor Describe(ProviderType type) =>
            registrations.TryGetValue(type, out var registration)
                ? registration.Descriptor
                : throw new ArgumentOutOfRangeException(nameof(type), type, "no descriptor is registered for this provider type");

        /// <summary>The type a manifest names ("azure", "hetznerdns"), exact spelling only.</summary>
        public ProviderDescriptor? FindByManifestName(string name) =>
            registrations.Values.Select(r => r.Descriptor).FirstOrDefault(d => d.ManifestName == name);

        /// <summary>Types with the capability, in registration order.</summary>
        public IReadOnlyList<ProviderType> TypesThatCan(ProviderCapabilities capability) =>
            Descriptors.Where(d => d.Can(capability)).Select(d => d.Type).ToList();

        /// <summary>The same catalog with the factory of one type replaced (test doubles, recording fakes).</summary>
        public ProviderCatalog With(IProviderFactory factory) =>
            new ProviderCatalog(registrations.Values.Select(r => r.Descriptor.Type == factory.Type ? r with { Factory = factory } : r));

        public IMachineProvider Machines(ProviderSpec spec, ProviderContext context) =>
            Factory(spec).CreateMachines(spec, context)
            ?? throw Unsupported(spec, "create machines");

        public IDnsProvider Dns(ProviderSpec spec, ProviderContext context) =>
            Factory(spec).CreateDns(spec, context)
            ?? throw Unsupported(spec, "serve DNS records");

        private IProviderFactory Factory(ProviderSpec spec) =>
            registrations.TryGetValue(spec.Type, out var registration) && registration.Factory is { } factory ? factory : throw Unsupported(spec, "be used");

        private MultiCloudException Unsupported(ProviderSpec spec, string what) =>
            MultiCloudException.NotSupportedYet($"provider {spec.Name} of type {NameOf(spec.Type)} cannot {what} in this version");

        private string NameOf(ProviderType type) => registrations.TryGetValue(type, out var registration) ? registration.Descriptor.ManifestName : type.ToString();
    }
}
