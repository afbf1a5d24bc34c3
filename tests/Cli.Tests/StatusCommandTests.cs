using System.Text.Json;
using MultiCloud.Cli.Output;
using Xunit;

namespace MultiCloud.Cli.Tests;

public sealed class StatusCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task Status_EmptyStateFolder_JsonHasNoClusters()
    {
        var result = await _sandbox.RunAsync("status", "--output", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("clusters").GetArrayLength());
    }

    [Fact]
    public async Task Status_SavedCluster_JsonListsClusterAndNodes()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("status", "--output", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var cluster = Assert.Single(json.RootElement.GetProperty("clusters").EnumerateArray());
        Assert.Equal("demo", cluster.GetProperty("name").GetString());
        Assert.Equal("Ready", cluster.GetProperty("status").GetString());
        Assert.Equal("v1.31.2", cluster.GetProperty("kubernetesVersion").GetString());
        var nodes = cluster.GetProperty("nodes");
        Assert.Equal(2, nodes.GetArrayLength());
        var control = nodes[0];
        Assert.Equal("demo-control-1", control.GetProperty("name").GetString());
        Assert.Equal("control", control.GetProperty("pool").GetString());
        Assert.Equal("Control", control.GetProperty("role").GetString());
        Assert.Equal("203.0.113.10", control.GetProperty("publicAddress").GetString());
        Assert.Equal("10.250.0.1", control.GetProperty("meshAddress").GetString());
        Assert.Equal(JsonValueKind.Null, nodes[1].GetProperty("publicAddress").ValueKind);
    }

    [Fact]
    public async Task Status_SavedCluster_TextShowsRow()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("status");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0]);
        Assert.Matches(@"^demo\s+Ready\s+v1\.31\.2\s+2\s", lines[1]);
    }

    [Fact]
    public async Task Status_UnknownCluster_ExitsThreeWithClusterNotFound()
    {
        var result = await _sandbox.RunAsync("status", "nowhere");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.StartsWith("error ClusterNotFound: ", result.Stderr);
    }

    [Fact]
    public async Task Nodes_SavedCluster_JsonListsNodes()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("nodes", "demo", "--output", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("demo", json.RootElement.GetProperty("cluster").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("nodes").GetArrayLength());
    }

    public void Dispose() => _sandbox.Dispose();
}
