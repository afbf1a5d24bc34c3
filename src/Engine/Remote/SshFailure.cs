using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace MultiCloud.Engine.Remote
{
    internal enum SshFailureKind
    {
        /// <summary>The connection failed in a way that may pass (refused while booting, timed out, reset, lost).</summary>
        Transient,
        /// <summary>The connection failed for good (unknown host name, protocol or algorithm mismatch).</summary>
        Unreachable,
        Authentication,
    }

    /// <summary>
    /// Tells what kind of transport failure an exception from SSH.NET or the socket below it is, from its type and
    /// its codes (socket error, SSH disconnect reason), never from its message text.
    /// </summary>
    internal static class SshFailure
    {
        /// <summary>The kind of transport failure, or null when the exception is not one (a bug, a cancellation).</summary>
        public static SshFailureKind? Classify(Exception error) => error switch
        {
            SshAuthenticationException => SshFailureKind.Authentication,
            SshOperationTimeoutException => SshFailureKind.Transient,
            NodeUnresponsiveException => SshFailureKind.Transient,
            SshConnectionException connection when AuthenticationDisconnects.Contains(connection.DisconnectReason) => SshFailureKind.Authentication,
            SshConnectionException connection => TransientDisconnects.Contains(connection.DisconnectReason) ? SshFailureKind.Transient : SshFailureKind.Unreachable,
            SocketException socket => TransientSocketErrors.Contains(socket.SocketErrorCode) ? SshFailureKind.Transient : SshFailureKind.Unreachable,
            SshException => SshFailureKind.Unreachable,
            _ => null,
        };

        /// <summary>What went wrong, in the engine's words (stable, not the platform's localized socket text).</summary>
        public static string Describe(Exception error, SshTarget target, SshOptions options) => error switch
        {
            SshAuthenticationException => "publickey authentication refused",
            NodeUnresponsiveException unresponsive => unresponsive.Message,
            SshOperationTimeoutException => $"no SSH answer within {options.ConnectTimeoutSeconds} s",
            SshConnectionException connection => connection.DisconnectReason switch
            {
                DisconnectReason.ConnectionLost or DisconnectReason.None => "the connection was closed by the node or the network",
                DisconnectReason.TooManyConnections => "the node refused more connections for now",
                DisconnectReason.ByApplication => "the node's SSH server closed the connection (restarting?)",
                var reason => "the SSH session failed: " + reason,
            },
            SocketException socket => socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"connection refused: nothing listens on port {target.Port}",
                SocketError.TimedOut => "connection timed out",
                SocketError.HostUnreachable or SocketError.HostDown => "no route to host",
                SocketError.NetworkUnreachable or SocketError.NetworkDown => "network unreachable",
                SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.NetworkReset => "connection reset",
                SocketError.HostNotFound or SocketError.NoData => $"host name '{target.Host}' not found",
                SocketError.TryAgain => $"host name '{target.Host}' could not be resolved for now",
                var code => "socket error " + code,
            },
            _ => error.GetType().Name,
        };

        /// <summary>The last <paramref name="count"/> non-empty lines of a text.</summary>
        public static string Tail(string text, int count)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n').Where(line => line.Trim().Length > 0).ToArray();
            return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - count)));
        }

        private static readonly HashSet<SocketError> TransientSocketErrors = new HashSet<SocketError>
        {
            SocketError.ConnectionRefused,
            SocketError.TimedOut,
            SocketError.HostUnreachable,
            SocketError.HostDown,
            SocketError.NetworkUnreachable,
            SocketError.NetworkDown,
            SocketError.ConnectionReset,
            SocketError.ConnectionAborted,
            SocketError.NetworkReset,
            SocketError.Shutdown,
            SocketError.NotConnected,
            SocketError.TryAgain,
        };

        private static readonly HashSet<DisconnectReason> TransientDisconnects = new HashSet<DisconnectReason>
        {
            DisconnectReason.None,
            DisconnectReason.ConnectionLost,
            DisconnectReason.TooManyConnections,
            DisconnectReason.ServiceNotAvailable,
            DisconnectReason.ByApplication,
        };

        private static readonly HashSet<DisconnectReason> AuthenticationDisconnects = new HashSet<DisconnectReason>
        {
            DisconnectReason.NoMoreAuthenticationMethodsAvailable,
            DisconnectReason.AuthenticationCanceledByUser,
            DisconnectReason.IllegalUserName,
        };
    }

    /// <summary>The node stopped answering keepalive probes while a command ran; the connection is dropped.</summary>
    internal sealed class NodeUnresponsiveException : Exception
    {
        public NodeUnresponsiveException(int probes, int intervalSeconds)
            : base($"the node did not answer {probes} keepalive probes in a row ({intervalSeconds} s apart)")
        {
        }
    }
}
