using MultiCloud.CloudDoubles.Aws;
using MultiCloud.Engine;
using MultiCloud.Engine.Providers;
using Xunit;
using static MultiCloud.Providers.Tests.Aws.AwsMachineProviderTests;

namespace MultiCloud.Providers.Tests.Aws;

/// <summary>
/// The AWS default credential chain reads process-wide environment variables, so these tests run in a collection of
/// their own that xunit runs after and apart from every other (DisableParallelization), and restore every variable
/// they touch: no other test sees their environment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class AwsDefaultCredentialChainTests : IAsyncLifetime
{
    private static readonly string[] Variables =
    {
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
        "AWS_EC2_METADATA_DISABLED", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    };

    private readonly Dictionary<string, string?> saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mc-aws-chain-" + Guid.NewGuid().ToString("N"));
    private AwsTestCloud cloud = null!;

    public async Task InitializeAsync()
    {
        cloud = await AwsTestCloud.StartAsync();
        Directory.CreateDirectory(folder);
        foreach (var variable in Variables) Environment.SetEnvironmentVariable(variable, null);
        // No shared profile and no instance metadata: the chain must never reach 169.254.169.254 from a test.
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(folder, "credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(folder, "config"));
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    public async Task DisposeAsync()
    {
        foreach (var variable in saved) Environment.SetEnvironmentVariable(variable.Key, variable.Value);
        await cloud.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task EnsureNetworkAsync_NoKeysInTheManifest_SignsWithTheEnvironmentsKeys()
    {
        cloud.Aws.AddAccessKey("AKIAFROMENVIRONMENT1", "environment/secret/0123456789abcdefghij");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAFROMENVIRONMENT1");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "environment/secret/0123456789abcdefghij");
        await using var provider = cloud.Machines(cloud.Spec(withKeys: false));

        await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        Assert.Single(cloud.Ledger.Resources, r => r.Type == "vpc");
        Assert.Empty(cloud.Credentials.Resolved);
        Assert.Contains(cloud.Log.Lines, l => l.Contains("default credential chain", StringComparison.Ordinal));
        cloud.AssertNoSecretIn();
    }

    [Fact]
    public async Task EnsureNetworkAsync_NoKeysAnywhere_AuthenticationFailedSayingWhereKeysAreLookedFor()
    {
        await using var provider = cloud.Machines(cloud.Spec(withKeys: false));

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Contains("accessKey", error.Message);
        Assert.Contains("AWS_PROFILE", error.Message);
        Assert.Empty(cloud.Ledger.Calls);
    }

    [Fact]
    public async Task EnsureRecordsAsync_NoKeysInTheManifest_Route53SignsWithTheEnvironmentsTemporaryKeys()
    {
        cloud.Aws.AddAccessKey("ASIAFROMENVIRONMENT2", "environment/secret/abcdefghij0123456789", sessionToken: "IQoJb3JpZ2luX2VjEXAMPLETOKEN");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "ASIAFROMENVIRONMENT2");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "environment/secret/abcdefghij0123456789");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLETOKEN");
        var zone = cloud.Aws.Route53.AddZone(AwsCloudDouble.DefaultAccount, "example.com");
        await using var dns = cloud.Dns(cloud.Spec(withKeys: false));

        await dns.EnsureRecordsAsync(new DnsRecordSet { Cluster = Cluster, Zone = "example.com", Name = "k8s", Addresses = new[] { "198.51.100.10" } }, CancellationToken.None);

        Assert.Contains(cloud.Aws.Route53.Sets(zone), s => s.Type == "A");
        cloud.AssertNoSecretIn();
    }
}
