using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Providers.Tests.Clusters;

/// <summary>
/// The plan asks the clouds' catalogues (MultiCloudClient's plan of the shipped hybrid example against every double):
/// an unknown region or server type fails the plan naming file, line, field and the closest offered names, before
/// anything is made; without credentials the plan says so in one notice; a cluster without new machines asks nothing.
/// </summary>
public sealed class PlanCatalogueTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mc-plan-catalogue-" + Guid.NewGuid().ToString("N").Substring(0, 8));
    private readonly AddressOnlyMachineBackend machines = new();
    private HybridDoubles hybrid = null!;

    public async Task InitializeAsync() => hybrid = await HybridDoubles.StartAsync(folder, machines);

    public async Task DisposeAsync()
    {
        await hybrid.DisposeAsync();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private MultiCloudClient Client(Engine.Execution.ICredentialResolver? credentials = null) => new(new MultiCloudClientOptions
    {
        StateDirectory = Path.Combine(folder, "state"),
        Credentials = credentials ?? hybrid.Credentials,
        Composition = hybrid.Doubles.Compose(EngineComposition.Default),
    });

    /// <summary>The example adapted to the doubles, written to a manifest file and read back (so problems can name its lines).</summary>
    private ClusterSpec Manifest(MultiCloudClient client, Func<DynamicNodePoolSpec, DynamicNodePoolSpec>? change = null)
    {
        var spec = hybrid.Adapt(client.LoadExample("hybrid").Single(), pool => pool is DynamicNodePoolSpec dynamic && change != null ? change(dynamic) : pool);
        var path = Path.Combine(folder, "hybrid.yaml");
        File.WriteAllText(path, client.ExportManifest(new[] { spec }));
        return client.LoadManifest(path).Single();
    }

    private IReadOnlyList<string> CatalogueReads() => hybrid.Ledger.Calls.Select(c => c.Api + " " + c.Operation).ToList();

    [Fact]
    public async Task PlanApply_UnknownSizeAndLocation_FailsPlacementNotOfferedNamingFileLineFieldAndClosestNamesAndMakesNothing()
    {
        var client = Client();
        var spec = Manifest(client, pool => pool.Name switch
        {
            "compute-az" => pool with { ServerType = "Standard_D4s_v6" },
            "lb-hetzner" => pool with { Region = "fsn2" },
            _ => pool,
        });

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => client.PlanApplyAsync(spec, null, default));

        Assert.Equal(ErrorIds.PlacementNotOffered, error.ErrorId);
        var lines = error.Message.Split('\n');
        var size = Assert.Single(lines, l => l.Contains("Standard_D4s_v6", StringComparison.Ordinal));
        Assert.Matches(@"hybrid\.yaml:\d+:\d+: spec\.nodePools\.dynamic\[\d\]\.serverType: node pool compute-az \(provider azure-neu\)", size);
        Assert.Contains("closest: Standard_D4s_v5, Standard_D2s_v5", size);
        var location = Assert.Single(lines, l => l.Contains("'fsn2'", StringComparison.Ordinal));
        Assert.Matches(@"hybrid\.yaml:\d+:\d+: spec\.nodePools\.dynamic\[\d\]\.region: node pool lb-hetzner \(provider hetzner-lb\)", location);
        Assert.Contains("closest: fsn1", location);
        Assert.DoesNotContain(hybrid.Ledger.Calls, c => c.Mutating);
        Assert.Empty(hybrid.Ledger.Resources);
        Assert.False(Directory.Exists(Path.Combine(folder, "state", "hybrid")), "a plan writes nothing for a new cluster");
    }

    [Fact]
    public async Task PlanApply_ValidExample_NoNoticeAndOnlyReadsOfTheCatalogues()
    {
        var client = Client();

        var run = await client.PlanApplyAsync(Manifest(client), null, default);

        Assert.DoesNotContain(run.Plan.Notices, n => n.Kind == PlanNoticeKind.CatalogNotChecked);
        Assert.DoesNotContain(hybrid.Ledger.Calls, c => c.Mutating);
        Assert.Equal(new[]
        {
            "arm GET locations", "arm GET locations", "arm GET skus", "arm GET skus",
            "ec2 DescribeAvailabilityZones", "ec2 DescribeInstanceTypeOfferings", "ec2 DescribeRegions",
            "hetzner GET /locations", "hetzner GET /server_types",
        }, CatalogueReads().Where(c => !c.StartsWith("entra", StringComparison.Ordinal)).OrderBy(c => c, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Plan_NoCredentialsAnywhere_OneNoticeNamingEveryProviderAndNoCloudCall()
    {
        var client = Client(new NoCredentials());

        var plan = await client.PlanAsync(Manifest(client), null, default);

        var notice = Assert.Single(plan.Notices, n => n.Kind == PlanNoticeKind.CatalogNotChecked);
        foreach (var provider in new[] { "azure-weu", "azure-neu", "aws-main", "hetzner-lb" }) Assert.Contains(provider, notice.Message);
        Assert.Contains("cloud catalogues not checked", PlanText.Render(plan));
        Assert.Empty(hybrid.Ledger.Calls);
    }

    [Fact]
    public async Task PlanNew_UnknownAwsType_FailsBeforeTheCreateIsConfirmed()
    {
        var client = Client();
        var spec = Manifest(client, pool => pool.Name == "compute-aws" ? pool with { ServerType = "m6i.larg" } : pool);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => client.PlanCreateAsync(spec, null, default));

        Assert.Equal(ErrorIds.PlacementNotOffered, error.ErrorId);
        Assert.Contains("server type 'm6i.larg' is not offered in eu-central-1; closest: m6i.large", error.Message);
    }

    /// <summary>A machine where none of the manifest's secrets is set: every reference fails as the real resolver fails.</summary>
    private sealed class NoCredentials : Engine.Execution.ICredentialResolver
    {
        public Task<string> ResolveAsync(CredentialRef reference, CancellationToken cancellationToken) =>
            throw new MultiCloudException(ErrorIds.CredentialNotFound, ErrorKind.NotFound, $"credential {reference} was not found");
    }
}
