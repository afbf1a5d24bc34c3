using MultiCloud.Cli.Output;
using Xunit;

namespace MultiCloud.Cli.Tests.Output;

public sealed class ErrorStreamTests
{
    [Fact]
    public void WriteLine_WhileStatusShown_ErasesAndRedrawsStatus()
    {
        var writer = new StringWriter();
        var stream = new ErrorStream(writer, isInteractive: true, () => 80);

        stream.SetStatus("working");
        stream.WriteLine("done");

        Assert.Equal("working\r       \rdone" + Environment.NewLine + "working", writer.ToString());
    }

    [Fact]
    public void SetStatus_LongerThanTerminal_IsCut()
    {
        var writer = new StringWriter();
        var stream = new ErrorStream(writer, isInteractive: true, () => 20);

        stream.SetStatus(new string('x', 50));

        Assert.Equal(19, writer.ToString().Length);
        Assert.EndsWith("...", writer.ToString());
    }

    [Fact]
    public void SetStatus_NotInteractive_WritesNothing()
    {
        var writer = new StringWriter();

        new ErrorStream(writer, isInteractive: false, () => 80).SetStatus("working");

        Assert.Equal("", writer.ToString());
    }
}
