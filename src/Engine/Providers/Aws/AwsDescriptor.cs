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
                new ProviderKey("accountId", ProviderKeyKind.Setting, false, "the AWS account id (accepted, not used: the credentials decide the account)"),
                new ProviderKey(AwsSettings.AccessKeyCredential, ProviderKeyKind.Credential, false, "access key id; without it the SDK's default chain (environment, profile, instance role) is used"),
                new ProviderKey(AwsSettings.SecretKeyCredential, ProviderKeyKind.Credential, false, "secret access key that goes with accessKey"),
                new ProviderKey(AwsSettings.SessionTokenCredential, ProviderKeyKind.Credential, false, "session token of temporary credentials (STS)"),
                new ProviderKey(AwsSettings.Ec2EndpointSetting, ProviderKeyKind.Setting, false, "EC2's URL; {region} stands for the pool's region"),
                new ProviderKey(AwsSettings.Route53EndpointSetting, ProviderKeyKind.Setting, false, "Route53's URL (default https://route53.amazonaws.com/)"),
                new ProviderKey(AwsSettings.Route53RegionSetting, ProviderKeyKind.Setting, false, "the region Route53 requests are signed for (default us-east-1)"),
                new ProviderKey(AwsSettings.Route53WaitSetting, ProviderKeyKind.Setting, false, "wait until Route53 reports a change INSYNC (default true)"),
                new ProviderKey(AwsSettings.ElasticIpPoolsSetting, ProviderKeyKind.Setting, false, "comma-separated pools (or *) whose machines get an Elastic IP"),
                new ProviderKey(AwsSettings.RegionsSetting, ProviderKeyKind.Setting, false, "comma-separated regions that find and delete search (default: every enabled region)"),
            },
            ClaudieSecretKeys = new[]
            {
                new ClaudieSecretKey("accesskey", "accessKey"),
                new ClaudieSecretKey("secretkey", "secretKey"),
            },
        };
    }
}
