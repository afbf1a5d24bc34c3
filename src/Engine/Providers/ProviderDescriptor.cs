using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers
{
    /// <summary>What a provider type can do for a cluster.</summary>
    [Flags]
    public enum ProviderCapabilities
    {
        None = 0,
        /// <summary>Creates the machines of dynamic node pools.</summary>
        Machines = 1,
        /// <summary>Keeps the DNS records of load balancers.</summary>
        Dns = 2,
    }

    /// <summary>Where a provider key may be given in a manifest.</summary>
    public enum ProviderKeyKind
    {
        /// <summary>Under <c>settings</c> only: not secret (an endpoint, a region list, a file path).</summary>
        Setting,
        /// <summary>Under <c>credentials</c> only, as a reference: a secret (a token, a client secret).</summary>
        Credential,
        /// <summary>Either place: not secret, but Claudie keeps it in its provider Secret (subscription id, account id).</summary>
        SettingOrCredential,
    }

    /// <summary>One setting or credential a provider type reads.</summary>
    public sealed record ProviderKey(string Name, ProviderKeyKind Kind, bool Required, string Description)
    {
        public bool AllowedAsSetting => Kind != ProviderKeyKind.Credential;
        public bool AllowedAsCredential => Kind != ProviderKeyKind.Setting;
    }

    /// <summary>A key of Claudie's provider Secret and the key it becomes in the native manifest.</summary>
    public sealed record ClaudieSecretKey(string SecretKey, string Key);

    /// <summary>
    /// Everything the engine knows about one provider type besides its API: its name in manifests, how it is shown,
    /// what it can do, the settings and credentials it reads, and how Claudie's provider Secret maps onto them. Each
    /// type keeps its descriptor in its own folder; <see cref="ProviderCatalog"/> lists them.
    /// </summary>
    public sealed record ProviderDescriptor
    {
        public required ProviderType Type { get; init; }

        /// <summary>The <c>type</c> of a provider in a native manifest ("azure", "hetznerdns"); also Claudie's providerType.</summary>
        public required string ManifestName { get; init; }

        /// <summary>How plans and messages name the type ("Azure", "Hetzner DNS").</summary>
        public required string DisplayName { get; init; }

        public required ProviderCapabilities Capabilities { get; init; }

        /// <summary>
        /// The user the machines of this type are created with and the engine logs in as ("root" where the cloud lets
        /// the key in for root; a user with passwordless sudo where it refuses root, as Azure does).
        /// </summary>
        public string MachineUser { get; init; } = "root";

        /// <summary>The keys of this type; the common ones (<see cref="CommonProviderKeys"/>) come on top.</summary>
        public IReadOnlyList<ProviderKey> OwnKeys { get; init; } = Array.Empty<ProviderKey>();

        /// <summary>Keys of Claudie's provider Secret in import order, each with the native key it becomes (a credential reference).</summary>
        public IReadOnlyList<ClaudieSecretKey> ClaudieSecretKeys { get; init; } = Array.Empty<ClaudieSecretKey>();

        public bool Can(ProviderCapabilities capability) => (Capabilities & capability) == capability;

        /// <summary>Own keys and the common keys that go with the type's capabilities.</summary>
        public IReadOnlyList<ProviderKey> Keys => OwnKeys.Concat(CommonProviderKeys.For(Capabilities)).ToList();

        public ProviderKey? FindKey(string name) => Keys.FirstOrDefault(key => key.Name == name);
    }

    /// <summary>Keys every provider type has, whatever cloud it talks to.</summary>
    public static class CommonProviderKeys
    {
        /// <summary>PEM file of extra CA certificates to trust (<see cref="ProviderHttp.TrustedCaFileSetting"/>).</summary>
        public static readonly ProviderKey TrustedCaFile = new(ProviderHttp.TrustedCaFileSetting, ProviderKeyKind.Setting, false,
            "a PEM file of CA certificates to trust besides the system's (private clouds, TLS-inspecting proxies)");

        /// <summary>Where SSH to the machines may come from (<see cref="SshSources"/>).</summary>
        public static readonly ProviderKey SshAllowedFrom = new(SshSources.SettingName, ProviderKeyKind.Setting, false,
            "comma-separated CIDRs the operator reaches the machines' SSH from (default: the private ranges only)");

        /// <summary>TTL of the DNS records a DNS provider keeps, in seconds.</summary>
        public static readonly ProviderKey RecordTtl = new(DnsTtl.SettingName, ProviderKeyKind.Setting, false,
            "TTL of the load balancers' DNS records in seconds (default 60: a dead load-balancer node leaves clients quickly)");

        public static IReadOnlyList<ProviderKey> For(ProviderCapabilities capabilities)
        {
            var keys = new List<ProviderKey> { TrustedCaFile };
            if ((capabilities & ProviderCapabilities.Machines) != 0) keys.Add(SshAllowedFrom);
            if ((capabilities & ProviderCapabilities.Dns) != 0) keys.Add(RecordTtl);
            return keys;
        }
    }
}
