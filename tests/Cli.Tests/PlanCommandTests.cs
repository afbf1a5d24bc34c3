using System.Text.Json;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Cli.Tests;

public sealed class PlanCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task Plan_NoFile_PlansDefaultExample()
    {
        var result = await _sandbox.RunAsync("plan");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.NotEqual("", result.Stdout.Trim());
        Assert.DoesNotContain("error", result.Stderr);
    }

    [Fact]
    public async Task Plan_JsonOutput_ListsTasksWithKindDescriptionAndTargets()
    {
        var file = _sandbox.WriteFile("one.yaml", ExampleManifests.Get(Commands.ManifestSource.DefaultExample));

        var result = await _sandbox.RunAsync("plan", file, "--output", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var clusters = json.RootElement.GetProperty("clusters");
        Assert.Equal(1, clusters.GetArrayLength());
        var cluster = clusters[0];
        Assert.False(string.IsNullOrEmpty(cluster.GetProperty("cluster").GetString()));
        Assert.False(string.IsNullOrEmpty(cluster.GetProperty("planId").GetString()));
        var tasks = cluster.GetProperty("tasks");
        Assert.True(tasks.GetArrayLength() > 0);
        foreach (var task in tasks.EnumerateArray())
        {
            Assert.True(Enum.TryParse<TaskKind>(task.GetProperty("kind").GetString(), out _), task.ToString());
            Assert.False(string.IsNullOrEmpty(task.GetProperty("description").GetString()));
            Assert.Equal(JsonValueKind.Array, task.GetProperty("targets").ValueKind);
            Assert.All(task.GetProperty("targets").EnumerateArray(), t => Assert.Contains("/", t.GetString()));
            Assert.Equal(JsonValueKind.Array, task.GetProperty("steps").ValueKind);
        }
        Assert.Equal("CreateInfrastructure", tasks[0].GetProperty("kind").GetString());
        Assert.Equal(JsonSerializer.Serialize(tasks), JsonSerializer.Serialize(json.RootElement.GetProperty("tasks")));
    }

    [Fact]
    public async Task Plan_TwoClusters_JsonHasNoTopLevelTasks()
    {
        var example = ExampleManifests.Get(Commands.ManifestSource.DefaultExample);
        var clusters = ManifestReader.Parse(example, "example").Clusters;
        var second = ManifestWriter.ToYaml(clusters.Select(c => c with { Name = c.Name + "-two" }));
        var file = _sandbox.WriteFile("two.yaml", example.TrimEnd() + "\n---\n" + second);

        var result = await _sandbox.RunAsync("plan", file, "--output", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("clusters").GetArrayLength());
        Assert.False(json.RootElement.TryGetProperty("tasks", out _));
    }

    [Fact]
    public async Task Plan_UntilInfrastructure_PlansOnlyInfrastructure()
    {
        var result = await _sandbox.RunAsync("plan", "--until", "infrastructure", "--output", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        // Machines and the firewalls in front of them are the infrastructure layer.
        Assert.All(json.RootElement.GetProperty("tasks").EnumerateArray(),
            task => Assert.Contains(task.GetProperty("kind").GetString(), new[] { "CreateInfrastructure", "ConfigureFirewalls" }));
    }

    [Fact]
    public async Task Plan_FileAndExample_ExitsTwo()
    {
        var file = _sandbox.WriteFile("one.yaml", ExampleManifests.Get(Commands.ManifestSource.DefaultExample));

        var result = await _sandbox.RunAsync("plan", file, "--example", Commands.ManifestSource.DefaultExample);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error CommandLineInvalid: ", result.Stderr);
    }

    public void Dispose() => _sandbox.Dispose();
}
