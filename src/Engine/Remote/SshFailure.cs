using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace MultiCloud.Engine.Remote
{
    internal enum SshFailureKind
    {
        /// <summary>ssh ran the command; the exit code is the command's.</summary>
        None,
        /// <summary>The connection failed in a way that may pass (refused while booting, timed out, reset).</summary>
        Transient,
        /// <summary>The connection failed for good (unknown host name, other ssh errors).</summary>
        Unreachable,
        Authentication,
        HostKey,
        Sudo,
    }

    /// <summary>
    /// Tells ssh's own failures from the remote command's. ssh exits 255 on its errors, and a command may exit 255
    /// as well, so 255 counts as an ssh failure only when stderr carries one of ssh's messages.
    /// </summary>
    internal static class SshFailure
    {
        public const int SshErrorExitCode = 255;

        /// <summary>Exit code and stderr marker of the sudo probe in front of scripts run as a non-root user.</summary>
        public const int SudoRefusedExitCode = 97;
        public const string SudoRefusedMarker = "multicloud: sudo -n refused";

        public static SshFailureKind Classify(int exitCode, string standardError)
        {
            if (exitCode == SudoRefusedExitCode && standardError.Contains(SudoRefusedMarker)) return SshFailureKind.Sudo;
            if (exitCode != SshErrorExitCode) return SshFailureKind.None;
            if (HostKeyMessages.Any(standardError.Contains)) return SshFailureKind.HostKey;
            if (AuthenticationMessages.Any(standardError.Contains)) return SshFailureKind.Authentication;
            if (TransientMessages.Any(m => standardError.IndexOf(m, StringComparison.OrdinalIgnoreCase) >= 0)) return SshFailureKind.Transient;
            if (standardError.Contains("ssh: ")) return SshFailureKind.Unreachable;
            return SshFailureKind.None;
        }

        /// <summary>The fingerprint ssh reports for the key a host presented when it refuses it, or null.</summary>
        public static string? PresentedFingerprint(string standardError)
        {
            var match = Regex.Match(standardError, @"key sent by the remote host is\s+(SHA256:[A-Za-z0-9+/]+)");
            return match.Success ? match.Groups[1].Value : null;
        }

        /// <summary>The last <paramref name="count"/> non-empty lines of a text.</summary>
        public static string Tail(string text, int count)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n').Where(line => line.Trim().Length > 0).ToArray();
            return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - count)));
        }

        private static readonly string[] HostKeyMessages =
        {
            "REMOTE HOST IDENTIFICATION HAS CHANGED",
            "Host key verification failed",
            "host key is known for",
        };

        private static readonly string[] AuthenticationMessages =
        {
            "Permission denied (",
            "Too many authentication failures",
            "no mutual signature algorithm",
        };

        private static readonly string[] TransientMessages =
        {
            "Connection refused",
            "Connection timed out",
            "Operation timed out",
            "timed out during banner exchange",
            "Connection reset",
            "No route to host",
            "Network is unreachable",
            "Temporary failure in name resolution",
            "kex_exchange_identification",
            "Connection closed by",
            "Broken pipe",
            "not responding",
            "closed by remote host",
        };
    }
}
