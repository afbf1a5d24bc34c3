using MultiCloud.Cli.Output;
using Xunit;

namespace MultiCloud.Cli.Tests.Output;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(0.04, "0.0s")]
    [InlineData(42.1, "42.1s")]
    [InlineData(59.94, "59.9s")]
    [InlineData(187, "3m07s")]
    [InlineData(3725, "1h02m")]
    public void Format_Seconds_ShortText(double seconds, string expected) =>
        Assert.Equal(expected, Durations.Format(TimeSpan.FromSeconds(seconds)));
}
