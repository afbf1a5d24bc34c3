using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// The settings of one AWS provider instance (one account, one identity). Endpoints default to the public
    /// partition; EC2-compatible private clouds, VPC interface endpoints and FIPS endpoints set <c>ec2Endpoint</c>
    /// (with <c>{region}</c> standing for the pool's region) and <c>route53Endpoint</c>, and a private CA through the
    /// shared <c>trustedCaFile</c>.
    /// </summary>
    internal sealed record AwsSettings
    {
        public const string Ec2EndpointSetting = "ec2Endpoint";
        public const string Route53EndpointSetting = "route53Endpoint";
        public const string Route53RegionSetting = "route53Region";
        public const string Route53WaitSetting = "route53WaitForSync";
        public const string ElasticIpPoolsSetting = "elasticIpPools";
        public const string RegionsSetting = "regions";

        public const string AccessKeyCredential = "accessKey";
        public const string SecretKeyCredential = "secretKey";
        public const string SessionTokenCredential = "sessionToken";

        /// <summary>The placeholder in <c>ec2Endpoint</c> for the pool's region ("https://ec2-fips.{region}.amazonaws.com").</summary>
        public const string RegionPlaceholder = "{region}";

        public static readonly Uri PublicRoute53Endpoint = new Uri("https://route53.amazonaws.com/");

        /// <summary>Route53 is global; the public partition signs its requests for us-east-1.</summary>
        public const string PublicRoute53Region = "us-east-1";

        public required string Provider { get; init; }

        /// <summary>The EC2 endpoint as written ("{region}" not yet replaced); null means the SDK's regional endpoints.</summary>
        public string? Ec2Endpoint { get; init; }
        public required Uri Route53Endpoint { get; init; }
        public required string Route53Region { get; init; }
        public bool Route53WaitForSync { get; init; } = true;

        /// <summary>Pools whose machines get an Elastic IP (a stable address across stop/start); "*" is every pool.</summary>
        public IReadOnlyCollection<string> ElasticIpPools { get; init; } = Array.Empty<string>();

        /// <summary>Regions searched for the cluster's machines (find, delete); null means every region enabled for the account.</summary>
        public IReadOnlyList<string>? Regions { get; init; }

        public CredentialRef? AccessKey { get; init; }
        public CredentialRef? SecretKey { get; init; }
        public CredentialRef? SessionToken { get; init; }

        public bool WantsElasticIp(string pool) => ElasticIpPools.Contains("*") || ElasticIpPools.Contains(pool);

        /// <summary>The EC2 endpoint for a region, or null for the SDK's own.</summary>
        public Uri? Ec2EndpointFor(string region) =>
            Ec2Endpoint is null ? null : new Uri(Ec2Endpoint.Replace(RegionPlaceholder, region));

        public static AwsSettings Parse(ProviderSpec spec)
        {
            string? Optional(string key) => spec.Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
            spec.Credentials.TryGetValue(AccessKeyCredential, out var accessKey);
            spec.Credentials.TryGetValue(SecretKeyCredential, out var secretKey);
            spec.Credentials.TryGetValue(SessionTokenCredential, out var sessionToken);
            if ((accessKey is null) != (secretKey is null))
                throw Invalid(spec, $"credentials name {(accessKey is null ? SecretKeyCredential : AccessKeyCredential)} without {(accessKey is null ? AccessKeyCredential : SecretKeyCredential)}; give both, or neither to use the AWS default chain (environment, profile, instance role)");
            if (sessionToken != null && accessKey is null)
                throw Invalid(spec, $"credential {SessionTokenCredential} goes with {AccessKeyCredential} and {SecretKeyCredential} (temporary credentials)");

            var ec2 = Optional(Ec2EndpointSetting);
            if (ec2 != null) CheckEndpoint(spec, Ec2EndpointSetting, ec2.Replace(RegionPlaceholder, "eu-central-1"));
            var route53 = Optional(Route53EndpointSetting);
            return new AwsSettings
            {
                Provider = spec.Name,
                Ec2Endpoint = ec2,
                Route53Endpoint = route53 is null ? PublicRoute53Endpoint : CheckEndpoint(spec, Route53EndpointSetting, route53),
                Route53Region = Optional(Route53RegionSetting) ?? PublicRoute53Region,
                Route53WaitForSync = Flag(spec, Route53WaitSetting, Optional(Route53WaitSetting), true),
                ElasticIpPools = List(Optional(ElasticIpPoolsSetting)),
                Regions = Optional(RegionsSetting) is { } regions ? List(regions) : null,
                AccessKey = accessKey,
                SecretKey = secretKey,
                SessionToken = sessionToken,
            };
        }

        private static IReadOnlyList<string> List(string? text) =>
            text is null ? Array.Empty<string>() : text.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();

        private static bool Flag(ProviderSpec spec, string key, string? text, bool fallback) => text?.ToLowerInvariant() switch
        {
            null => fallback,
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Invalid(spec, $"setting {key} '{text}' is neither true nor false"),
        };

        private static Uri CheckEndpoint(ProviderSpec spec, string key, string text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                throw Invalid(spec, $"setting {key} '{text}' is not an https URL");
            return uri;
        }

        internal static MultiCloudException Invalid(ProviderSpec spec, string problem) =>
            new MultiCloudException(ErrorIds.CloudConfigurationInvalid, ErrorKind.InvalidArgument, $"provider {spec.Name} (aws): {problem}") { Target = spec.Name };
    }
}
