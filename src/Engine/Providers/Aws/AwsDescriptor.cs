using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>AWS: EC2 instances in one account and Route53 hosted zones.</summary>
    public static class AwsDescriptor
    {
        public static ProviderDescriptor Value { get; } = new ProviderDescriptor
        {
            Type = ProviderType.Aws,
            ManifestName = "aws",
            DisplayName = "AWS",
            Capabilities = ProviderCapabilities.Machines | ProviderCapabilities.Dns,
            OwnKeys = new[]
            {
                new ProviderKey("accountId", ProviderKeyKind.Setting, false, "the AWS account id, checked against the credentials' account"),
                new ProviderKey("accessKey", ProviderKeyKind.Credential, false, "access key id; without it the SDK's default chain (environment, profile, instance role) is used"),
                new ProviderKey("secretKey", ProviderKeyKind.Credential, false, "secret access key that goes with accessKey"),
            },
            ClaudieSecretKeys = new[]
            {
                new ClaudieSecretKey("accesskey", "accessKey"),
                new ClaudieSecretKey("secretkey", "secretKey"),
            },
        };
    }
}
