using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.State;

public sealed class StateLocationsTests
{
    [Theory]
    [InlineData("/custom/state", null, false, "/custom/state")]
    [InlineData("/custom/state", null, true, "/custom/state")]
    [InlineData(null, "/xdg/state", false, "/xdg/state/multicloud/clusters")]
    [InlineData(null, "relative/state", false, "/home/u/.local/state/multicloud/clusters")]
    [InlineData(null, null, false, "/home/u/.local/state/multicloud/clusters")]
    [InlineData(null, "/xdg/state", true, "/appdata/local/MultiCloud/clusters")]
    public void DefaultRoot_Environment_PicksTheDocumentedFolder(string? stateDir, string? xdgStateHome, bool isWindows, string expected)
    {
        var environment = new Dictionary<string, string?>
        {
            [StateLocations.StateDirectoryVariable] = stateDir,
            ["XDG_STATE_HOME"] = xdgStateHome,
        };

        var root = StateLocations.DefaultRoot(name => environment.GetValueOrDefault(name), isWindows, "/appdata/local", "/home/u");

        Assert.Equal(expected.Replace('/', Path.DirectorySeparatorChar), root.Replace('/', Path.DirectorySeparatorChar));
    }
}
