using MultiCloud.Engine.Remote;
using Xunit;

namespace MultiCloud.Engine.Tests.Remote;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Apply_SecretsOneInsideAnother_ReplacesTheLongerWhole()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abcdefgh");
        redactor.Add("abcdefgh-and-more");

        Assert.Equal("x [redacted] y [redacted]", redactor.Apply("x abcdefgh-and-more y abcdefgh"));
    }

    [Fact]
    public void Apply_NoSecrets_ReturnsTheTextUnchanged() =>
        Assert.Equal("plain", new SecretRedactor().Apply("plain"));

    [Fact]
    public void Add_ShortValue_IsRefusedSoOrdinaryOutputIsNotMangled() =>
        Assert.Throws<ArgumentException>(() => new SecretRedactor().Add("1234"));
}
