using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Providers.Tests.Azure;

/// <summary>The plan-time catalogue check of the Azure provider through ArmClient against the ARM double's locations and Resource SKUs.</summary>
public sealed class AzurePlacementTests : IAsyncLifetime
{
    private AzureTestCloud cloud = null!;
    private IMachineProvider provider = null!;

    public async Task InitializeAsync()
    {
        cloud = await AzureTestCloud.StartAsync();
        provider = cloud.Machines();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await cloud.DisposeAsync();
    }

    private Task<PlacementResult> CheckAsync(string region, params PoolPlacement[] pools) => provider.CheckPlacementAsync(new PlacementRequest(region, pools), default);

    [Fact]
    public async Task CheckPlacement_OfferedSizeAndZone_NoProblemAndNothingMade()
    {
        var result = await CheckAsync("westeurope", new PoolPlacement("control", "Standard_B2s", "1"), new PoolPlacement("compute", "Standard_D4s_v5"));

        Assert.True(result.Checked);
        Assert.Empty(result.Problems);
        Assert.Empty(cloud.Ledger.Resources);
        Assert.DoesNotContain(cloud.Ledger.Calls, c => c.Mutating);
    }

    [Fact]
    public async Task CheckPlacement_UnknownLocation_RegionProblemWithClosestLocations()
    {
        var result = await CheckAsync("westeuropa", new PoolPlacement("control", "Standard_B2s"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((PlacementField.Region, "westeuropa"), (problem.Field, problem.Value));
        Assert.Equal("westeurope", problem.Closest[0]);
    }

    [Fact]
    public async Task CheckPlacement_UnknownSize_ServerTypeProblemWithClosestSizes()
    {
        var result = await CheckAsync("westeurope", new PoolPlacement("control", "Standard_B2z"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((PlacementField.ServerType, "Standard_B2z"), (problem.Field, problem.Value));
        Assert.Equal("Standard_B2s", problem.Closest[0]);
        Assert.Equal(3, problem.Closest.Count);
    }

    [Fact]
    public async Task CheckPlacement_SizeRestrictedInRegion_ServerTypeProblemWithoutTheRestrictedSize()
    {
        cloud.Azure.Arm.Catalog.Restricted.Add(("northeurope", "Standard_D4s_v5"));

        var result = await CheckAsync("northeurope", new PoolPlacement("compute", "Standard_D4s_v5"));

        var problem = Assert.Single(result.Problems);
        Assert.Contains("not offered to this subscription in northeurope", problem.Problem);
        Assert.DoesNotContain("Standard_D4s_v5", problem.Closest);
    }

    [Fact]
    public async Task CheckPlacement_ZoneWithoutTheSize_ZoneProblemWithTheSizesZones()
    {
        var result = await CheckAsync("westeurope", new PoolPlacement("control", "Standard_B2s", "4"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((PlacementField.Zone, "4"), (problem.Field, problem.Value));
        Assert.Equal(new[] { "1", "2", "3" }, problem.Closest.OrderBy(z => z));
    }

    [Fact]
    public async Task CheckPlacement_ManagedIdentityWithoutEndpoint_NotCheckedAndNoCall()
    {
        await using var identityProvider = cloud.Machines(cloud.Spec(secretVariable: null));

        var result = await identityProvider.CheckPlacementAsync(new PlacementRequest("westeurope", new[] { new PoolPlacement("control", "Standard_B2s") }), default);

        Assert.False(result.Checked);
        Assert.Contains("managed identity", result.NotCheckedBecause);
        Assert.Empty(cloud.Ledger.Calls);
    }
}
