using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Providers.Tests.Hetzner;

/// <summary>The plan-time catalogue check of the Hetzner provider against the double's locations, server types and data centers.</summary>
public sealed class HetznerPlacementTests : IAsyncLifetime
{
    private HetznerFixture fixture = null!;
    private IMachineProvider provider = null!;

    public async Task InitializeAsync()
    {
        fixture = await HetznerFixture.StartAsync();
        provider = fixture.Provider();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await fixture.DisposeAsync();
    }

    private Task<PlacementResult> CheckAsync(string region, params PoolPlacement[] pools) => provider.CheckPlacementAsync(new PlacementRequest(region, pools), default);

    [Fact]
    public async Task CheckPlacement_OfferedTypesAndLocation_NoProblemAndNothingMade()
    {
        var result = await CheckAsync("fsn1", new PoolPlacement("lb", "cx22"), new PoolPlacement("edge", "cpx11", "fsn1-dc14"));

        Assert.True(result.Checked);
        Assert.Empty(result.Problems);
        Assert.Empty(fixture.Ledger.Resources);
        Assert.DoesNotContain(fixture.Ledger.Calls, c => c.Mutating);
    }

    [Fact]
    public async Task CheckPlacement_UnknownLocation_RegionProblemWithClosestLocations()
    {
        var result = await CheckAsync("fsn2", new PoolPlacement("lb", "cx22"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("lb", PlacementField.Region, "fsn2"), (problem.Pool, problem.Field, problem.Value));
        Assert.Equal("fsn1", problem.Closest[0]);
        Assert.Equal(3, problem.Closest.Count);
    }

    [Fact]
    public async Task CheckPlacement_UnknownServerType_ServerTypeProblemWithClosestTypes()
    {
        var result = await CheckAsync("nbg1", new PoolPlacement("lb", "cx23"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((PlacementField.ServerType, "cx23"), (problem.Field, problem.Value));
        Assert.Contains("does not exist", problem.Problem);
        Assert.Equal(new[] { "cx22", "cpx21", "cx32" }, problem.Closest);
    }

    [Fact]
    public async Task CheckPlacement_TypeNotOfferedInLocation_ServerTypeProblemNamingWhereItIs()
    {
        var result = await CheckAsync("hel1", new PoolPlacement("lb", "cpx11"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(PlacementField.ServerType, problem.Field);
        Assert.Contains("not offered in location hel1 (only in fsn1, nbg1)", problem.Problem);
        Assert.DoesNotContain("cpx11", problem.Closest);
    }

    [Fact]
    public async Task CheckPlacement_DatacenterOfAnotherLocation_ZoneProblemWithTheLocationsDatacenters()
    {
        var result = await CheckAsync("fsn1", new PoolPlacement("lb", "cx22", "nbg1-dc3"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((PlacementField.Zone, "nbg1-dc3"), (problem.Field, problem.Value));
        Assert.Equal(new[] { "fsn1-dc14" }, problem.Closest);
    }

    [Fact]
    public async Task CheckPlacement_TwoRegions_AsksEachListOncePerProvider()
    {
        await CheckAsync("fsn1", new PoolPlacement("a", "cx22"));
        await CheckAsync("nbg1", new PoolPlacement("b", "cx32"), new PoolPlacement("c", "cx42"));

        Assert.Equal(new[] { "GET /locations", "GET /server_types" }, fixture.Ledger.Calls.Select(c => c.Operation).OrderBy(c => c, StringComparer.Ordinal));
    }
}
