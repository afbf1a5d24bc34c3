using System.Net.Sockets;
using Xunit;
using MultiCloud.Engine.Remote;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace MultiCloud.Engine.Tests.Remote;

/// <summary>Transient or not is decided from exception types and codes; the messages are deliberately misleading here.</summary>
public sealed class SshFailureTests
{
    public static TheoryData<Exception, string?> Exceptions => new()
    {
        { new SocketException((int)SocketError.ConnectionRefused), "Transient" },
        { new SocketException((int)SocketError.TimedOut), "Transient" },
        { new SocketException((int)SocketError.HostUnreachable), "Transient" },
        { new SocketException((int)SocketError.ConnectionReset), "Transient" },
        { new SocketException((int)SocketError.TryAgain), "Transient" },
        { new SocketException((int)SocketError.HostNotFound), "Unreachable" },
        { new SshOperationTimeoutException("Permission denied (publickey)."), "Transient" },
        { new SshConnectionException("Connection refused", DisconnectReason.ConnectionLost), "Transient" },
        { new SshConnectionException("Connection refused", DisconnectReason.KeyExchangeFailed), "Unreachable" },
        { new SshConnectionException("timed out", DisconnectReason.ProtocolError), "Unreachable" },
        { new SshConnectionException("x", DisconnectReason.NoMoreAuthenticationMethodsAvailable), "Authentication" },
        { new SshAuthenticationException("Connection timed out"), "Authentication" },
        { new SshException("Failed to open a channel"), "Unreachable" },
        { new InvalidOperationException("Connection refused"), null },
        { new OperationCanceledException("Connection refused"), null },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Classify_Exception_FollowsTypeAndCodeNotText(Exception error, string? expected)
    {
        Assert.Equal(expected, SshFailure.Classify(error)?.ToString());
    }

    [Fact]
    public void Tail_ManyLines_KeepsTheLastNonEmptyOnes()
    {
        Assert.Equal("b" + Environment.NewLine + "c", SshFailure.Tail("a\n\nb\r\nc\n\n", 2));
    }
}
