using MultiCloud.Engine.Client;
using MultiCloud.Engine.Tests.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Client;

public sealed class RunLogsTests
{
    [Fact]
    public void NewPath_FreshClusterFolder_CreatesAnOwnerOnlyLogFile()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TemporaryFolder();

        var path = RunLogs.NewPath(folder.Path);

        Assert.True(File.Exists(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }
}
