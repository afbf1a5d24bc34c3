using Xunit;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Remote;

public sealed class ProcessRunnerTests
{
    public static TheoryData<string[]> ArgumentSets => new()
    {
        new[] { "plain", "two words", "" },
        new[] { "quote\"inside", "trailing\\", "back\\\\slashes\\\"quote" },
        new[] { "tab\there", "new\nline", "ControlPath=\"/tmp/a b/%C\"" },
        new[] { "-o", "UserKnownHostsFile=/x", "--", "bash -s" },
    };

    [Theory]
    [MemberData(nameof(ArgumentSets))]
    public async Task RunAsync_TrickyArguments_ReachTheProgramExactly(string[] arguments)
    {
        var printed = await ProcessRunner.RunAsync("printf", new[] { "[%s]" }.Concat(arguments).ToArray(), null, CancellationToken.None);

        Assert.Equal(0, printed.ExitCode);
        Assert.Equal(string.Concat(arguments.Select(a => "[" + a + "]")), printed.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_StandardInput_IsPassedAsUtf8WithoutBom()
    {
        var result = await ProcessRunner.RunAsync("od", new[] { "-An", "-tx1" }, "ü", CancellationToken.None);

        Assert.Equal("c3 bc", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task RunAsync_MissingProgram_ThrowsSshClientNotFound()
    {
        var error = await Assert.ThrowsAsync<MultiCloudException>(() =>
            ProcessRunner.RunAsync("/nonexistent/ssh", new[] { "-V" }, null, CancellationToken.None));

        Assert.Equal(ErrorIds.SshClientNotFound, error.ErrorId);
    }

    [Fact]
    public async Task RunAsync_Canceled_KillsTheProgram()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProcessRunner.RunAsync("sleep", new[] { "30" }, null, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }
}
