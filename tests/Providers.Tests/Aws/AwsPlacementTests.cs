using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Providers.Tests.Aws;

/// <summary>The plan-time catalogue check of the AWS provider through AWSSDK.EC2 against the EC2 double's regions, zones and offerings.</summary>
public sealed class AwsPlacementTests : IAsyncLifetime
{
    private AwsTestCloud cloud = null!;
    private IMachineProvider provider = null!;

    public async Task InitializeAsync()
    {
        cloud = await AwsTestCloud.StartAsync();
        provider = cloud.Machines();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await cloud.DisposeAsync();
    }

    private Task<PlacementResult> CheckAsync(string region, params PoolPlacement[] pools) => provider.CheckPlacementAsync(new PlacementRequest(region, pools), default);

    [Fact]
    public async Task CheckPlacement_OfferedTypeAndZone_NoProblemAndNoMutatingCall()
    {
        var result = await CheckAsync("eu-central-1", new PoolPlacement("compute", "m6i.large"), new PoolPlacement("arm", "c7g.large", "eu-central-1a"));

        Assert.True(result.Checked);
        Assert.Empty(result.Problems);
        Assert.Empty(cloud.Ledger.Resources);
        Assert.DoesNotContain(cloud.Ledger.Calls, c => c.Mutating);
    }

    [Fact]
    public async Task CheckPlacement_RegionNotEnabled_RegionProblemWithEnabledRegionsClosestFirst()
    {
        var result = await CheckAsync("ap-east-1", new PoolPlacement("compute", "m6i.large"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((PlacementField.Region, "ap-east-1"), (problem.Field, problem.Value));
        Assert.Contains("not enabled", problem.Problem);
        Assert.Equal(3, problem.Closest.Count);
        Assert.DoesNotContain("ap-east-1", problem.Closest);
    }

    [Fact]
    public async Task CheckPlacement_UnknownType_ServerTypeProblemWithClosestOfferedTypes()
    {
        var result = await CheckAsync("eu-central-1", new PoolPlacement("compute", "m6i.larg"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((PlacementField.ServerType, "m6i.larg"), (problem.Field, problem.Value));
        Assert.Equal("m6i.large", problem.Closest[0]);
    }

    [Fact]
    public async Task CheckPlacement_TypeNotOfferedInZone_ZoneProblemNamingTheZonesThatHaveIt()
    {
        var result = await CheckAsync("eu-central-1", new PoolPlacement("arm", "c7g.large", "eu-central-1c"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((PlacementField.Zone, "eu-central-1c"), (problem.Field, problem.Value));
        Assert.Contains("only in eu-central-1a, eu-central-1b", problem.Problem);
        Assert.Equal(new[] { "eu-central-1a", "eu-central-1b" }, problem.Closest.OrderBy(z => z));
    }

    [Fact]
    public async Task CheckPlacement_UnknownZone_ZoneProblemWithTheRegionsZones()
    {
        var result = await CheckAsync("eu-west-1", new PoolPlacement("compute", "t3.large", "eu-west-1d"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(PlacementField.Zone, problem.Field);
        Assert.Equal(new[] { "eu-west-1a", "eu-west-1b", "eu-west-1c" }, problem.Closest.OrderBy(z => z));
    }

    [Fact]
    public async Task CheckPlacement_TwoRegions_DescribeRegionsOnceAndOneOfferingListPerRegion()
    {
        await CheckAsync("eu-central-1", new PoolPlacement("a", "m6i.large"));
        await CheckAsync("eu-west-1", new PoolPlacement("b", "t3.large"), new PoolPlacement("c", "t3.micro"));

        var calls = cloud.Ledger.Calls.Select(c => c.Operation).ToList();
        Assert.Equal(1, calls.Count(c => c == "DescribeRegions"));
        Assert.Equal(2, calls.Count(c => c == "DescribeInstanceTypeOfferings"));
        Assert.Equal(3, calls.Count);
    }
}
