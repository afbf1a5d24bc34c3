using System.Text.Json;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.State;

public sealed class StateJsonTests
{
    [Fact]
    public void Serialize_RichState_TagsPoolsWithKindAndWritesCamelCase()
    {
        var json = StateJson.Serialize(StateSamples.Rich());

        Assert.Contains("\"kind\": \"dynamic\"", json);
        Assert.Contains("\"kind\": \"static\"", json);
        Assert.Contains("\"effect\": \"noSchedule\"", json);
        Assert.Contains("\"type\": \"azure\"", json);
        Assert.Contains("\"role\": \"loadBalancer\"", json);
        Assert.Contains("\"formatVersion\": 1", json);
        Assert.Contains("\"topology.kubernetes.io/Zone\": \"weu-1\"", json);
    }

    [Fact]
    public void Serialize_ComputedProperties_AreLeftOut()
    {
        var json = StateJson.Serialize(StateSamples.Rich());

        Assert.DoesNotContain("desiredCount", json);
        Assert.DoesNotContain("maximumCount", json);
        Assert.DoesNotContain("isApiServer", json);
    }

    [Fact]
    public void Options_GetOnlyAutoPropertiesAndPrivateSetters_AreKept()
    {
        var json = JsonSerializer.Serialize(new ViewTestDocument("prod", 3), StateJson.Options);

        Assert.Contains("\"name\": \"prod\"", json);
        Assert.Contains("\"count\": 3", json);
        Assert.DoesNotContain("shout", json);
    }

    [Fact]
    public void Deserialize_SerializedRichState_RoundTrips()
    {
        var original = StateSamples.Rich();
        var json = StateJson.Serialize(original);

        var read = StateJson.Deserialize(json, "test");

        Assert.Equal(json, StateJson.Serialize(read));
        var pools = read.AppliedSpec!.NodePools;
        Assert.IsType<DynamicNodePoolSpec>(pools[0]);
        Assert.Equal(new AutoscalerSpec(1, 5), ((DynamicNodePoolSpec)pools[1]).Autoscaler);
        var onprem = Assert.IsType<StaticNodePoolSpec>(pools[2]);
        Assert.Equal(new CredentialRef(CredentialSource.File, "~/.ssh/onprem"), onprem.Nodes[0].PrivateKey);
        Assert.Equal(2222, onprem.Nodes[1].Port);
        Assert.Equal(new[] { "control-az-1" }, read.Journal!.CompletedTargets["mesh/write-mesh-config"]);
    }

    [Fact]
    public void Deserialize_KindAfterOtherProperties_StillReadsThePool()
    {
        var json = StateJson.Serialize(StateSamples.Rich())
            .Replace("\"kind\": \"static\",", string.Empty)
            .Replace("\"name\": \"onprem\",", "\"name\": \"onprem\", \"kind\": \"static\",");

        var read = StateJson.Deserialize(json, "test");

        Assert.IsType<StaticNodePoolSpec>(read.AppliedSpec!.NodePools[2]);
    }

    [Fact]
    public void Deserialize_NewerFormatVersion_FailsNamingBothVersions()
    {
        var json = StateJson.Serialize(StateSamples.Rich()).Replace("\"formatVersion\": 1", "\"formatVersion\": 7");

        var error = Assert.Throws<MultiCloudException>(() => StateJson.Deserialize(json, "/x/state.json"));

        Assert.Equal(ErrorIds.StateVersionUnsupported, error.ErrorId);
        Assert.Contains("version 7", error.Message);
        Assert.Contains("version 1", error.Message);
        Assert.Contains("/x/state.json", error.Message);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("{\"name\": \"prod\"}")]
    [InlineData("{\"formatVersion\": 1}")]
    [InlineData("{\"formatVersion\": 1, \"name\": \"prod\", \"appliedSpec\": {\"name\": \"prod\", \"kubernetes\": {\"version\": \"v1\", \"network\": \"10.0.0.0/24\"}, \"nodePools\": [{\"kind\": \"floating\", \"name\": \"p\"}]}}")]
    [InlineData("{\"formatVersion\": 1, \"name\": \"prod\", \"nodes\": [{\"name\": \"n\", \"pool\": \"p\", \"role\": \"wizard\", \"meshAddress\": \"10.0.0.1\"}]}")]
    public void Deserialize_InvalidDocument_FailsWithStateCorruptNamingTheSource(string json)
    {
        var error = Assert.Throws<MultiCloudException>(() => StateJson.Deserialize(json, "/x/state.json"));

        Assert.Equal(ErrorIds.StateCorrupt, error.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, error.Kind);
        Assert.Contains("/x/state.json", error.Message);
    }

    [Fact]
    public void Options_AreReadOnly()
    {
        Assert.True(StateJson.Options.IsReadOnly);
    }

    /// <summary>Shaped like the front ends' view objects: data in get-only and private-set properties, plus a computed one.</summary>
    private sealed class ViewTestDocument
    {
        public ViewTestDocument(string name, int count)
        {
            Name = name;
            Count = count;
        }

        public string Name { get; }
        public int Count { get; private set; }
        public string Shout => Name.ToUpperInvariant();
    }
}
