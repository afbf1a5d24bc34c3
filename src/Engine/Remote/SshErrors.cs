using System;

namespace MultiCloud.Engine.Remote
{
    /// <summary>The engine errors for each way an ssh invocation can fail before the script's own exit code counts.</summary>
    internal static class SshErrors
    {
        /// <param name="pinnedKey">The key the node was expected to present, for host-key errors.</param>
        public static MultiCloudException For(SshFailureKind failure, SshTarget target, string? pinnedKey, string standardError, int attempts, string logPath)
        {
            var where = $"node {target.NodeName} ({RunLogWriter.Endpoint(target)})";
            var reason = SshFailure.Tail(standardError, 1);
            switch (failure)
            {
                case SshFailureKind.HostKey:
                    var pinned = pinnedKey is null ? "unknown" : HostKeyText.Fingerprint(pinnedKey);
                    var presented = SshFailure.PresentedFingerprint(standardError) ?? "unknown (ssh did not report it; see " + logPath + ")";
                    return new SshHostKeyChangedException(target.NodeName, target.Host, target.Port, pinned, presented, "the key pinned for it");

                case SshFailureKind.Authentication:
                    return new MultiCloudException(ErrorIds.SshAuthenticationFailed, ErrorKind.PermissionDenied,
                        $"{where} refused the login of user '{target.User}' with the key {target.PrivateKeyPath} ({reason}); " +
                        $"add the matching public key ({target.PrivateKeyPath}.pub) to ~{target.User}/.ssh/authorized_keys on the node")
                    { Target = target.NodeName };

                case SshFailureKind.Sudo:
                    return new MultiCloudException(ErrorIds.SudoRequired, ErrorKind.PermissionDenied,
                        $"user '{target.User}' on {where} cannot run sudo without a password; " +
                        "allow it passwordless sudo (NOPASSWD) or connect as root")
                    { Target = target.NodeName };

                default:
                    var tries = attempts == 1 ? "" : $" after {attempts} attempts";
                    return new MultiCloudException(ErrorIds.SshConnectionFailed, ErrorKind.Connection,
                        $"could not connect to {where}{tries}: {(reason.Length == 0 ? "ssh failed without a message" : reason)}; full output: {logPath}")
                    { Target = target.NodeName };
            }
        }
    }
}
