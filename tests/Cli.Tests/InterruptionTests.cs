using Xunit;

namespace MultiCloud.Cli.Tests;

public sealed class InterruptionTests
{
    [Fact]
    public void TryCancelRun_NoRunInProgress_LetsProcessEnd()
    {
        using var interruption = new Interruption();

        Assert.False(interruption.TryCancelRun());
        Assert.False(interruption.Token.IsCancellationRequested);
    }

    [Fact]
    public void TryCancelRun_DuringRun_CancelsOnFirstPressAndEndsOnSecond()
    {
        using var interruption = new Interruption();
        using var run = interruption.EnterRun();

        Assert.True(interruption.TryCancelRun());
        Assert.True(interruption.Token.IsCancellationRequested);
        Assert.False(interruption.TryCancelRun());
    }

    [Fact]
    public void TryCancelRun_AfterRunEnded_LetsProcessEnd()
    {
        using var interruption = new Interruption();
        interruption.EnterRun().Dispose();

        Assert.False(interruption.TryCancelRun());
    }

    [Fact]
    public void Token_OuterTokenCanceled_IsCanceled()
    {
        using var outer = new CancellationTokenSource();
        using var interruption = new Interruption(outer.Token);

        outer.Cancel();

        Assert.True(interruption.Token.IsCancellationRequested);
    }
}
