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
    public async Task Status_SavedClusterWithoutRefresh_JsonListsClusterAndNodesAsUnverified()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("status", "--no-refresh", "--output", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var cluster = Assert.Single(json.RootElement.GetProperty("clusters").EnumerateArray());
        Assert.Equal("demo", cluster.GetProperty("name").GetString());
        Assert.Equal("Unverified", cluster.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, cluster.GetProperty("checkedAt").ValueKind);
        Assert.Equal(0, cluster.GetProperty("layers").GetArrayLength());
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
    public async Task Status_NodesNeverContacted_DegradedNamingEachNodeWithoutAnySsh()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("status", "--output", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var cluster = Assert.Single(json.RootElement.GetProperty("clusters").EnumerateArray());
        Assert.Equal("Degraded", cluster.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, cluster.GetProperty("checkedAt").ValueKind);
        var problems = cluster.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("demo-control-1 was not checked: MultiCloud has not contacted it yet", StringComparison.Ordinal));
        var layers = cluster.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("layer").GetString()!, l => l.GetProperty("status").GetString());
        Assert.Equal("Degraded", layers["Nodes"]);
        Assert.Equal("NotApplied", layers["Kubernetes"]);
        var node = cluster.GetProperty("nodes")[0];
        Assert.Equal(JsonValueKind.Null, node.GetProperty("reachable").ValueKind);
        Assert.StartsWith("MultiCloud has not contacted it yet", node.GetProperty("notChecked").GetString());
        Assert.False(Directory.Exists(Path.Combine(_sandbox.StateDirectory, "demo", "logs")), "a refresh that contacted no host started a run log");
    }

    [Fact]
    public async Task Status_SavedCluster_TextShowsRowAndLayers()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var refreshed = await _sandbox.RunAsync("status");
        var fromState = await _sandbox.RunAsync("status", "--no-refresh");

        Assert.Equal(ExitCodes.Success, refreshed.ExitCode);
        var lines = refreshed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0]);
        Assert.Matches(@"^demo\s+Degraded\s+v1\.31\.2\s+2\s", lines[1]);
        Assert.Contains("demo: Nodes: Degraded: 0 of 2 hosts answered; not checked: demo-compute-1 (never contacted), demo-control-1 (never contacted)", lines);
        Assert.Matches(@"^demo\s+Unverified\s+v1\.31\.2\s+2\s", fromState.Stdout.Split('\n')[1]);
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

    [Fact]
    public async Task Nodes_SavedCluster_TextSaysWhyEachNodeWasNotChecked()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("nodes", "demo");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+POOL\s+ROLE\s+PUBLIC\s+MESH\s+OS\s+REACHABLE\s+HANDSHAKE\s+LB\s+KUBERNETES$", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("demo-control-1: not checked: MultiCloud has not contacted it yet", StringComparison.Ordinal));
    }

    public void Dispose() => _sandbox.Dispose();
}
