using System;
using System.Collections.Generic;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// The settings of one Azure provider instance (one subscription, one identity). Endpoints default to the public
    /// cloud; sovereign clouds (Azure China, US Government) and Azure Stack Hub set <c>armEndpoint</c>,
    /// <c>armAudience</c> and <c>authorityHost</c>, and a private CA through the shared <c>trustedCaFile</c>.
    /// </summary>
    internal sealed record AzureSettings
    {
        public const string SubscriptionIdSetting = "subscriptionId";
        public const string TenantIdSetting = "tenantId";
        public const string ClientIdSetting = "clientId";
        public const string ArmEndpointSetting = "armEndpoint";
        public const string ArmAudienceSetting = "armAudience";
        public const string AuthorityHostSetting = "authorityHost";
        public const string DnsResourceGroupSetting = "dnsResourceGroup";

        /// <summary>The credential name of the service principal's client secret.</summary>
        public const string ClientSecretCredential = "clientSecret";

        public static readonly Uri PublicArmEndpoint = new Uri("https://management.azure.com/");
        public static readonly Uri PublicAuthorityHost = new Uri("https://login.microsoftonline.com/");

        /// <summary>Entra hosts MSAL knows without asking the network (public, US Government, China).</summary>
        private static readonly HashSet<string> KnownAuthorityHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "login.microsoftonline.com", "login.microsoftonline.us", "login.partner.microsoftonline.cn", "login.chinacloudapi.cn",
        };

        public required string Provider { get; init; }

        /// <summary>The subscription, tenant and client ids: settings, or credential references (as a Claudie import writes them).</summary>
        public required AzureValue SubscriptionId { get; init; }
        public AzureValue? TenantId { get; init; }
        public AzureValue? ClientId { get; init; }
        public required Uri ArmEndpoint { get; init; }
        public required string ArmAudience { get; init; }
        public required Uri AuthorityHost { get; init; }
        public string? DnsResourceGroup { get; init; }

        /// <summary>The manifest names a client secret: sign in as a service principal; otherwise as a managed identity.</summary>
        public CredentialRef? ClientSecret { get; init; }

        /// <summary>
        /// MSAL sends instance discovery for an authority host it does not know to login.microsoftonline.com, which an
        /// Azure Stack Hub (or any private authority) cannot rely on; the user named that authority, so it is trusted as given.
        /// </summary>
        public bool DisableInstanceDiscovery => !KnownAuthorityHosts.Contains(AuthorityHost.Host);

        public static AzureSettings Parse(ProviderSpec spec)
        {
            string? Optional(string key) => spec.Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
            AzureValue? Value(string key) => Optional(key) is { } text ? new AzureValue(key, text, null)
                : spec.Credentials.TryGetValue(key, out var reference) ? new AzureValue(key, null, reference) : null;
            AzureValue Required(string key, string why) => Value(key) ?? throw Invalid(spec, $"setting {key} is missing; {why}");

            spec.Credentials.TryGetValue(ClientSecretCredential, out var secret);
            var subscription = Required(SubscriptionIdSetting, "give the id of the subscription the pools are created in");
            if (subscription.Text is { } literal) CheckSubscription(spec.Name, literal);
            var tenant = Value(TenantIdSetting);
            var client = Value(ClientIdSetting);
            if (secret != null)
            {
                tenant ??= Required(TenantIdSetting, "a service principal signs in to its tenant (directory id)");
                client ??= Required(ClientIdSetting, "give the service principal's application (client) id");
            }
            var arm = Endpoint(spec, ArmEndpointSetting, PublicArmEndpoint);
            return new AzureSettings
            {
                Provider = spec.Name,
                SubscriptionId = subscription,
                TenantId = tenant,
                ClientId = client,
                ArmEndpoint = arm,
                ArmAudience = Optional(ArmAudienceSetting) ?? arm.AbsoluteUri,
                AuthorityHost = Endpoint(spec, AuthorityHostSetting, PublicAuthorityHost),
                DnsResourceGroup = Optional(DnsResourceGroupSetting),
                ClientSecret = secret,
            };
        }

        /// <summary>The DNS provider needs the zone's resource group; machines do not.</summary>
        public string RequireDnsResourceGroup(ProviderSpec spec) =>
            DnsResourceGroup ?? throw Invalid(spec, $"setting {DnsResourceGroupSetting} is missing; give the resource group that holds the DNS zone");

        private static Uri Endpoint(ProviderSpec spec, string key, Uri fallback)
        {
            if (!spec.Settings.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text)) return fallback;
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                throw Invalid(spec, $"setting {key} '{text}' is not an https URL");
            return uri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
        }

        /// <summary>A subscription id is a GUID; anything else would only fail later with a less helpful 404.</summary>
        public static string CheckSubscription(string provider, string subscription) =>
            Guid.TryParse(subscription, out _) ? subscription : throw Invalid(provider, $"setting {SubscriptionIdSetting} '{subscription}' is not a subscription id (a GUID)");

        internal static MultiCloudException Invalid(ProviderSpec spec, string problem) => Invalid(spec.Name, problem);

        internal static MultiCloudException Invalid(string provider, string problem) =>
            new MultiCloudException(ErrorIds.CloudConfigurationInvalid, ErrorKind.InvalidArgument, $"provider {provider} (azure): {problem}") { Target = provider };
    }

    /// <summary>A value given as a setting (<see cref="Text"/>) or as a credential reference read when the first call needs it.</summary>
    internal sealed record AzureValue(string Name, string? Text, CredentialRef? Reference);
}
