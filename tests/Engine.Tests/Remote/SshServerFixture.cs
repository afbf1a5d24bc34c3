using Xunit;
namespace MultiCloud.Engine.Tests.Remote;

/// <summary>One sshd shared by the tests of a class; torn down (by PID) after the last one.</summary>
public sealed class SshServerFixture : IAsyncLifetime
{
    private readonly ScratchFolder folder = new();

    public TestSshServer Server { get; private set; } = null!;

    public string Folder => folder.Path;

    public async Task InitializeAsync()
    {
        if (TestSshServer.MissingRequirement() != null && Environment.GetEnvironmentVariable("CI") != "true") return;
        Server = await TestSshServer.StartAsync(folder.Path);
    }

    public async Task DisposeAsync()
    {
        if (Server != null) await Server.DisposeAsync();
        folder.Dispose();
    }
}
